using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>Building the per-run indexes: rule scopes per agreement, entry facts and the per-technician order.</summary>
public sealed partial class CheckContext
{
    /// <summary>
    /// Splits each agreement's timeline where its type's rule-set versions or its own overrides change, and resolves
    /// the catalog once per piece (through the classifier, so both share the merged rules).
    /// </summary>
    private void BuildScopes()
    {
        _scopes.Add(FixedScope(NoAgreement));
        _scopes.Add(FixedScope(UnknownAgreement));
        var overrideVersions = new Dictionary<int, List<RuleVersion>>();
        foreach (var rulesOverride in Catalog.Overrides)
        {
            if (!overrideVersions.TryGetValue(rulesOverride.AgreementId, out var list))
            {
                overrideVersions[rulesOverride.AgreementId] = list = [];
            }

            list.Add(rulesOverride.Version);
        }

        var typeBoundaries = new Dictionary<int, List<int>>();
        var withoutRoleRates = new Dictionary<SpecialRates, SpecialRates>(ReferenceEqualityComparer.Instance);
        var boundaries = new List<int>();
        for (var a = 0; a < Agreements.Length; a++)
        {
            var agreement = Agreements[a];
            if (!typeBoundaries.TryGetValue(agreement.TypeId, out var forType))
            {
                forType = [];
                foreach (var ruleSet in Catalog.HistoryOf(agreement.TypeId))
                {
                    AddBoundaries(ruleSet.Version, forType);
                }

                typeBoundaries[agreement.TypeId] = forType;
            }

            boundaries.Clear();
            boundaries.AddRange(forType);
            if (overrideVersions.TryGetValue(agreement.Id, out var versions))
            {
                foreach (var version in versions)
                {
                    AddBoundaries(version, boundaries);
                }
            }

            boundaries.Sort();
            _agreementFirstScope[a] = _scopes.Count;
            var from = int.MinValue;
            for (var k = 0; k <= boundaries.Count; k++)
            {
                var to = k < boundaries.Count ? boundaries[k] : int.MaxValue;
                if (to == from)
                {
                    continue;
                }

                var resolveDay = from != int.MinValue ? from : to != int.MaxValue ? to - 1 : PeriodStartDay;
                var rules = Classifier.RulesFor(agreement, DateOnly.FromDayNumber(Math.Clamp(resolveDay, 0, DateOnly.MaxValue.DayNumber)));
                var previous = _scopes.Count > _agreementFirstScope[a] ? _scopes[^1] : null;
                if (previous is not null && ReferenceEquals(previous.Rules, rules))
                {
                    previous.ToDay = to;
                }
                else
                {
                    var rates = rules?.Rates ?? RatesWithoutCatalog(agreement);
                    if (!withoutRoleRates.TryGetValue(rates, out var standardRoleRates))
                    {
                        standardRoleRates = rates.RoleRates.Count == 0 ? rates : rates with { RoleRates = new Dictionary<int, Money>() };
                        withoutRoleRates[rates] = standardRoleRates;
                    }

                    _scopes.Add(new RuleScope
                    {
                        AgreementIndex = a,
                        Agreement = agreement,
                        Rules = rules,
                        Rates = rates,
                        RatesId = RatesId(rates),
                        StandardRoleRates = standardRoleRates,
                        CoversTime = rules?.CoversTime ?? agreement.CoverAgreementTime,
                        FromDay = from,
                        ToDay = to,
                    });
                }

                from = to;
            }

            _agreementScopeCount[a] = _scopes.Count - _agreementFirstScope[a];
        }
    }

    private static void AddBoundaries(RuleVersion version, List<int> boundaries)
    {
        boundaries.Add(version.EffectiveFrom.DayNumber);
        if (version.EffectiveTo is { } to)
        {
            boundaries.Add(to.DayNumber + 1);
        }
    }

    private int RatesId(SpecialRates rates)
    {
        if (!_ratesIds.TryGetValue(rates, out var id))
        {
            _ratesIds[rates] = id = _ratesIds.Count;
        }

        return id;
    }

    private RuleScope FixedScope(int agreement) => new()
    {
        AgreementIndex = agreement,
        Rates = SpecialRates.Standard,
        RatesId = RatesId(SpecialRates.Standard),
        StandardRoleRates = SpecialRates.Standard,
        CoversTime = false,
        FromDay = int.MinValue,
        ToDay = int.MaxValue,
    };

    /// <summary>An agreement outside the catalog: standard premiums, with the agreement's own work-role rates.</summary>
    private SpecialRates RatesWithoutCatalog(Agreement agreement)
    {
        if (agreement.WorkRoles.Count == 0)
        {
            return SpecialRates.Standard;
        }

        var roleRates = new Dictionary<int, Money>();
        foreach (var roleRate in agreement.WorkRoles)
        {
            if (WorkRoleById(roleRate.WorkRoleId) is { } role)
            {
                roleRates[role.Id] = roleRate.ApplyTo(role.HourlyRate);
            }
        }

        return SpecialRates.Standard with { RoleRates = roleRates };
    }

    private void BuildFacts()
    {
        var coverageSize = Math.Max(1, WorkTypes.Length * WorkRoles.Length);

        // Compact copies of what every entry looks up, so the pass does not chase ticket and agreement objects.
        var ticketAgreement = new int?[Tickets.Length];
        for (var t = 0; t < Tickets.Length; t++)
        {
            ticketAgreement[t] = Tickets[t].AgreementId;
        }

        var agreementCompany = new int[Agreements.Length];
        var agreementType = new int[Agreements.Length];
        for (var a = 0; a < Agreements.Length; a++)
        {
            agreementCompany[a] = Agreements[a].CompanyId;
            agreementType[a] = Agreements[a].TypeId;
        }

        for (var i = 0; i < Entries.Length; i++)
        {
            var e = Entries[i];
            ref var f = ref Facts[i];
            f.Day = (int)(e.TimeStart.UtcTicks / TimeSpan.TicksPerDay);
            var a = e.AgreementId is { } agreementId ? (_agreementIds.Find(agreementId) is var found and >= 0 ? found : UnknownAgreement) : NoAgreement;
            f.Agreement = a;
            f.Ticket = e.TicketId is { } ticketId ? _ticketIds.Find(ticketId) : -1;
            f.Member = _memberIds.Find(e.MemberId);
            f.Scope = ScopeAt(a, f.Day);
            var scope = _scopes[f.Scope];
            var flags = EntryFlags.None;
            if (a >= 0)
            {
                AgreementEntryCount[a]++;
                if (agreementCompany[a] != e.CompanyId)
                {
                    flags |= EntryFlags.OtherCompany;
                }
            }

            if (f.Ticket >= 0)
            {
                TicketHasTime[f.Ticket] = true;
                if (ticketAgreement[f.Ticket] != e.AgreementId)
                {
                    flags |= EntryFlags.TicketMismatch;
                }
            }

            if (a != NoAgreement && e.AgreementHours > Hours.Zero)
            {
                flags |= EntryFlags.Covered;
            }

            if (e.ChargeableHours > Hours.Zero)
            {
                flags |= EntryFlags.Chargeable;
            }

            var afterHours = !scope.Rates.BusinessHours.Contains(e.TimeStart);
            if (afterHours)
            {
                flags |= EntryFlags.AfterHours;
            }

            if (f.Member >= 0 && f.Day >= PeriodStartDay && f.Day <= PeriodEndDay)
            {
                MemberDayHours[(f.Member * PeriodDays) + f.Day - PeriodStartDay] += e.ActualHours.Value;
            }

            f.Flags = flags;
            f.Coverage = CoverageOf(scope, a, e, f.Day, coverageSize);
            f.Rule = RuleFor(e, a >= 0 ? agreementType[a] : a == NoAgreement ? int.MinValue : int.MinValue + 1, afterHours, f.Coverage.ToCoverage());
            f.Rates = RatesFor(e, scope, afterHours);
        }
    }

    private CoverageFact CoverageOf(RuleScope scope, int agreement, TimeEntry entry, int day, int coverageSize)
    {
        if (agreement < 0)
        {
            return agreement == NoAgreement ? CoverageFact.NoAgreement : CoverageFact.UnknownAgreement;
        }

        if (!scope.CoversTime)
        {
            return CoverageFact.NotCovering;
        }

        var date = DateOnly.FromDayNumber(day);
        if (!Agreements[agreement].IsInTerm(date))
        {
            return CoverageFact.OutOfTerm;
        }

        var type = _workTypeIds.Find(entry.WorkTypeId);
        var role = _workRoleIds.Find(entry.WorkRoleId);
        if (type < 0 || role < 0)
        {
            return WorkCoverage(scope, entry.WorkTypeId, entry.WorkRoleId, date);
        }

        ref var slot = ref scope.CoverageCache(coverageSize)[(type * WorkRoles.Length) + role];
        if (slot < 0)
        {
            slot = (sbyte)WorkCoverage(scope, entry.WorkTypeId, entry.WorkRoleId, date);
        }

        return (CoverageFact)slot;
    }

    /// <summary>Coverage of work by type and role, for an agreement that covers time and a date in its term.</summary>
    private static CoverageFact WorkCoverage(RuleScope scope, int workTypeId, int workRoleId, DateOnly date)
    {
        if (scope.Rules is { } rules)
        {
            return rules.CoverageOf(workTypeId, workRoleId, date).Coverage == Coverage.InScope ? CoverageFact.InScope : CoverageFact.Excluded;
        }

        var agreement = scope.Agreement!;
        return agreement.WorkTypeExclusions.Contains(workTypeId) || agreement.WorkRoleExclusions.Contains(workRoleId)
            ? CoverageFact.Excluded
            : CoverageFact.InScope;
    }

    private int RuleFor(TimeEntry entry, int agreementType, bool afterHours, Coverage coverage)
    {
        var key = new RuleKey(agreementType, entry.WorkTypeId, entry.WorkRoleId, entry.ChargeToType, afterHours, coverage);
        if (!_ruleIds.TryGetValue(key, out var id))
        {
            // The standard matches on exactly what the key holds, so the first entry decides for all that share it.
            var decision = Classifier.Decide(entry.AgreementId, entry.WorkTypeId, entry.WorkRoleId, entry.ChargeToType, entry.TimeStart);
            _ruleIds[key] = id = _codingRules.Count;
            _codingRules.Add(decision.Rule);
        }

        return id;
    }

    private int RatesFor(TimeEntry entry, RuleScope scope, bool afterHours)
    {
        var key = new RateKey(scope.RatesId, entry.WorkTypeId, entry.WorkRoleId, afterHours);
        if (_rateIds.TryGetValue(key, out var id))
        {
            return id;
        }

        var role = WorkRoleById(entry.WorkRoleId);
        var type = WorkTypeById(entry.WorkTypeId);
        if (role is null || type is null)
        {
            _rateIds[key] = -1;
            return -1;
        }

        _rateIds[key] = id = _rateTable.Count;
        _rateTable.Add(new RateFacts
        {
            Rate = scope.Rates.HourlyRate(role, type, afterHours),
            BusinessHoursRate = scope.Rates.HourlyRate(role, type, afterHours: false),
            StandardRoleRate = scope.StandardRoleRates.HourlyRate(role, type, afterHours),
            StandardRoleBusinessHoursRate = scope.StandardRoleRates.HourlyRate(role, type, afterHours: false),
            HasHigherRoleRate = scope.Rates.RoleRates.TryGetValue(role.Id, out var special) && special > role.HourlyRate,
        });
        return id;
    }

    /// <summary>Entries per member (counting sort, so stable), then each member's entries by start; equal starts by id.</summary>
    private (int[] Order, int[] First, long[] Starts, long[] Ends) SortByMember()
    {
        var buckets = Members.Length + 1;
        var first = new int[buckets + 1];
        for (var i = 0; i < Facts.Length; i++)
        {
            first[BucketOf(i) + 1]++;
        }

        for (var b = 0; b < buckets; b++)
        {
            first[b + 1] += first[b];
        }

        var next = (int[])first.Clone();
        var order = new int[Facts.Length];
        var keys = new long[Facts.Length];
        var endByEntry = new long[Facts.Length];
        for (var i = 0; i < Facts.Length; i++)
        {
            var position = next[BucketOf(i)]++;
            order[position] = i;
            keys[position] = Entries[i].TimeStart.UtcTicks;
            endByEntry[i] = Entries[i].TimeEnd.UtcTicks;
        }

        for (var b = 0; b < buckets; b++)
        {
            var length = first[b + 1] - first[b];
            if (length > 1)
            {
                Array.Sort(keys, order, first[b], length);
                OrderTiesById(keys, order, first[b], first[b + 1]);
            }
        }

        var ends = new long[Facts.Length];
        for (var p = 0; p < order.Length; p++)
        {
            ends[p] = endByEntry[order[p]];
        }

        return (order, first, keys, ends);

        int BucketOf(int entry) => Facts[entry].Member >= 0 ? Facts[entry].Member : Members.Length;
    }

    private void OrderTiesById(long[] keys, int[] order, int start, int end)
    {
        for (var i = start + 1; i < end; i++)
        {
            if (keys[i] != keys[i - 1])
            {
                continue;
            }

            var item = order[i];
            var j = i - 1;
            while (j >= start && keys[j] == keys[i] && Entries[order[j]].Id > Entries[item].Id)
            {
                order[j + 1] = order[j];
                j--;
            }

            order[j + 1] = item;
        }
    }
}
