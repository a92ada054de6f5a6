using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Tickets;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Benchmarks.Validation;

/// <summary>
/// The comparison baseline: the same 22 checks with the same rules, written the straightforward way: lookups with
/// <c>ToDictionary</c>, grouping with <c>GroupBy</c>, the classifier's <see cref="TimeEntryClassifier.Classify"/> and
/// <see cref="TimeEntryClassifier.RulesFor"/> (which caches merged rules) per entry, rates from
/// <see cref="SpecialRates.HourlyRate(WorkRole, WorkType, DateTimeOffset)"/> per entry. It reports (check, company,
/// agreement, records, money) so the bench can verify it finds exactly what the engine finds.
/// </summary>
public static class LinqBaseline
{
    public sealed record Hit(string CheckId, int CompanyId, int? AgreementId, IReadOnlyList<SourceRef> Records, Money Amount);

    private enum Fact
    {
        NoAgreement,
        Unknown,
        NotCovering,
        OutOfTerm,
        Excluded,
        InScope,
    }

    public static List<Hit> Run(BillingSnapshot s, AgreementCatalog catalog, CodingStandard standard, ValidationOptions o)
    {
        var classifier = new TimeEntryClassifier(standard, s, catalog);
        var agreements = s.Agreements.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
        var tickets = s.Tickets.GroupBy(t => t.Id).ToDictionary(g => g.Key, g => g.First());
        var members = s.Members.GroupBy(m => m.Id).ToDictionary(g => g.Key, g => g.First());
        var roles = s.WorkRoles.ToDictionary(r => r.Id);
        var types = s.WorkTypes.ToDictionary(w => w.Id);
        var entries = s.TimeEntries;
        var hits = new List<Hit>();

        DateOnly Day(DateTimeOffset t) => DateOnly.FromDateTime(t.UtcDateTime);
        Agreement? AgreementOf(int? id) => id is { } v && agreements.TryGetValue(v, out var a) ? a : null;
        BillingRules? Rules(int? id, DateOnly d) => AgreementOf(id) is { } a ? classifier.RulesFor(a, d) : null;
        SpecialRates Rates(int? id, DateOnly d)
        {
            if (AgreementOf(id) is not { } a)
            {
                return SpecialRates.Standard;
            }

            return classifier.RulesFor(a, d)?.Rates ?? (a.WorkRoles.Count == 0
                ? SpecialRates.Standard
                : SpecialRates.Standard with
                {
                    RoleRates = a.WorkRoles.Where(r => roles.ContainsKey(r.WorkRoleId)).ToDictionary(r => r.WorkRoleId, r => r.ApplyTo(roles[r.WorkRoleId].HourlyRate)),
                });
        }

        Fact FactOf(int? id, TimeEntry e)
        {
            if (id is null)
            {
                return Fact.NoAgreement;
            }

            if (AgreementOf(id) is not { } a)
            {
                return Fact.Unknown;
            }

            var d = Day(e.TimeStart);
            var rules = classifier.RulesFor(a, d);
            if (!(rules?.CoversTime ?? a.CoverAgreementTime))
            {
                return Fact.NotCovering;
            }

            if (!a.IsInTerm(d))
            {
                return Fact.OutOfTerm;
            }

            var inScope = rules is not null
                ? rules.CoverageOf(e.WorkTypeId, e.WorkRoleId, d).Coverage == Coverage.InScope
                : !a.WorkTypeExclusions.Contains(e.WorkTypeId) && !a.WorkRoleExclusions.Contains(e.WorkRoleId);
            return inScope ? Fact.InScope : Fact.Excluded;
        }

        bool Covered(TimeEntry e) => e.AgreementId is not null && e.AgreementHours > Hours.Zero;
        bool AfterHours(TimeEntry e) => !Rates(e.AgreementId, Day(e.TimeStart)).BusinessHours.Contains(e.TimeStart);
        Money? Expected(TimeEntry e, SpecialRates rates) =>
            roles.TryGetValue(e.WorkRoleId, out var role) && types.TryGetValue(e.WorkTypeId, out var type) ? rates.HourlyRate(role, type, AfterHours(e)) : null;
        Money BillRate(TimeEntry e) => e.HourlyRate > Money.Zero ? e.HourlyRate : Expected(e, Rates(e.AgreementId, Day(e.TimeStart))) ?? Money.Zero;
        SourceRef Ref(EntityKind kind, int id) => new(kind, id);
        Hit EntryHit(string check, TimeEntry e, Money amount, params SourceRef[] more) =>
            new(check, e.CompanyId, e.AgreementId, [Ref(EntityKind.TimeEntry, e.Id), .. more], amount.RoundToCents());
        Money LowestRoleRate(SpecialRates rates) =>
            s.WorkRoles.Where(r => !r.InactiveFlag).Select(r => rates.RoleRate(r)).DefaultIfEmpty(Money.Zero).Min().RoundToCents();
        bool InPeriod(DateOnly d) => d >= s.PeriodStart && d <= s.PeriodEnd;
        bool UnapprovedWriteOff(TimeEntry e) =>
            e.BillableOption == BillableOption.DoNotBill && e.Status == TimeEntryStatus.WrittenOff && string.IsNullOrWhiteSpace(e.ApprovedBy) && e.CompanyId != s.OwnCompanyId;

        // ---- missing time
        var ticketsWithTime = entries.Where(e => e.TicketId is not null).Select(e => e.TicketId!.Value).ToHashSet();
        var missingHours = new Hours(o.MissingTimeHoursPerTicket);
        hits.AddRange(s.Tickets
            .Where(t => t.ClosedFlag && !ticketsWithTime.Contains(t.Id) && t.CompanyId != s.OwnCompanyId && InPeriod(Day(t.ClosedDate ?? t.DateEntered)))
            .Select(t => new Hit(LeakageChecks.ClosedTicketWithoutTime, t.CompanyId, t.AgreementId, [Ref(EntityKind.ServiceTicket, t.Id)],
                (LowestRoleRate(Rates(t.AgreementId, Day(t.ClosedDate ?? t.DateEntered))) * missingHours).RoundToCents())));

        var ownCompany = s.OwnCompanyId;
        hits.AddRange(entries.Where(e => members.ContainsKey(e.MemberId)).GroupBy(e => e.MemberId).SelectMany(g =>
        {
            var member = members[g.Key];
            var byDay = g.GroupBy(e => Day(e.TimeStart)).ToDictionary(d => d.Key, d => d.ToList());
            var first = Max(s.PeriodStart, byDay.Keys.Min());
            var last = Min(s.PeriodEnd, byDay.Keys.Max());
            var rate = roles.TryGetValue(member.DefaultRoleId, out var role) ? role.HourlyRate : Money.Zero;
            return member.DailyCapacity <= Hours.Zero
                ? []
                : Enumerable.Range(0, Math.Max(0, last.DayNumber - first.DayNumber + 1)).Select(first.AddDays)
                    .Where(d => o.WorkingDays.Contains(d.DayOfWeek) && !o.Holidays.Contains(d))
                    .Select(d => (Day: d, Entries: byDay.GetValueOrDefault(d) ?? [], Logged: (byDay.GetValueOrDefault(d) ?? []).Aggregate(Hours.Zero, (sum, e) => sum + e.ActualHours)))
                    .Where(x => (member.DailyCapacity - x.Logged).Value * 100m >= member.DailyCapacity.Value * o.TechnicianDayShortfallPercent)
                    .Select(x => new Hit(LeakageChecks.TechnicianDayBelowSchedule, ownCompany, null,
                        [Ref(EntityKind.Member, member.Id), .. x.Entries.OrderBy(e => e.TimeStart).ThenBy(e => e.Id).Select(e => Ref(EntityKind.TimeEntry, e.Id))],
                        (rate * (member.DailyCapacity - x.Logged)).RoundToCents()));
        }));

        var agreementsWithTime = entries.Where(e => e.AgreementId is not null).Select(e => e.AgreementId!.Value).ToHashSet();
        hits.AddRange(s.Tickets
            .Where(t => t.AgreementId is { } a && agreements.ContainsKey(a) && !agreementsWithTime.Contains(a))
            .Where(t => Day(t.DateEntered) <= s.PeriodEnd && (!t.ClosedFlag || Day(t.ClosedDate ?? t.DateEntered) >= s.PeriodStart))
            .Where(t => !(t.ClosedFlag && InPeriod(Day(t.ClosedDate ?? t.DateEntered)) && !ticketsWithTime.Contains(t.Id)))
            .GroupBy(t => t.AgreementId!.Value)
            .Select(g => new Hit(LeakageChecks.AgreementActivityWithoutTime, agreements[g.Key].CompanyId, g.Key,
                [Ref(EntityKind.Agreement, g.Key), .. g.Select(t => Ref(EntityKind.ServiceTicket, t.Id))],
                (LowestRoleRate(Rates(g.Key, s.PeriodEnd)) * new Hours(o.MissingTimeHoursPerTicket * g.Count())).RoundToCents())));

        // ---- out-of-scope labour
        hits.AddRange(entries.Where(e => Covered(e) && FactOf(e.AgreementId, e) == Fact.Excluded)
            .Select(e => EntryHit(LeakageChecks.ExcludedWorkCovered, e, BillRate(e) * e.AgreementHours)));
        hits.AddRange(entries.Where(e => Covered(e) && FactOf(e.AgreementId, e) == Fact.OutOfTerm && AgreementOf(e.AgreementId)!.AgreementStatus == AgreementStatus.Active)
            .Select(e => EntryHit(LeakageChecks.CoveredOutsideAgreementTerm, e, BillRate(e) * e.AgreementHours)));
        hits.AddRange(entries.Where(e => Covered(e) && FactOf(e.AgreementId, e) == Fact.NotCovering)
            .Select(e => EntryHit(LeakageChecks.CoveredOnAgreementWithoutTimeCoverage, e, BillRate(e) * e.AgreementHours)));

        // ---- agreement mismatch
        hits.AddRange(entries.Where(e => AgreementOf(e.AgreementId) is { } a && a.CompanyId != e.CompanyId)
            .Select(e => EntryHit(LeakageChecks.OtherCompanyAgreement, e, BillRate(e) * e.AgreementHours, Ref(EntityKind.Agreement, e.AgreementId!.Value))));
        hits.AddRange(entries.Where(e => AgreementOf(e.AgreementId) is { AgreementStatus: not AgreementStatus.Active })
            .Select(e => EntryHit(LeakageChecks.InactiveAgreement, e, BillRate(e) * e.AgreementHours, Ref(EntityKind.Agreement, e.AgreementId!.Value))));
        hits.AddRange(entries.Where(e => e.TicketId is { } t && tickets.TryGetValue(t, out var ticket) && ticket.AgreementId != e.AgreementId)
            .Select(e =>
            {
                var ticket = tickets[e.TicketId!.Value];
                var absorbed = Covered(e) && FactOf(ticket.AgreementId, e) != Fact.InScope ? e.AgreementHours : Hours.Zero;
                return EntryHit(LeakageChecks.TicketAgreementMismatch, e, BillRate(e) * absorbed, Ref(EntityKind.ServiceTicket, ticket.Id));
            }));
        hits.AddRange(entries.Select(e => (Entry: e, Result: classifier.Classify(e), Fact: FactOf(e.AgreementId, e)))
            .Select(x => (x.Entry, x.Result, x.Fact,
                OptionWrong: x.Entry.BillableOption != x.Result.ExpectedBillableOption,
                CoveredAgainst: Covered(x.Entry) && x.Result.Classification != EntryClassification.Covered && x.Fact == Fact.InScope,
                BilledUnlimited: x.Result.Classification == EntryClassification.Covered && !Covered(x.Entry) && x.Entry.BillableOption == BillableOption.Billable
                    && Rules(x.Entry.AgreementId, Day(x.Entry.TimeStart))?.Included.IsUnlimited == true,
                Unknown: x.Fact == Fact.Unknown))
            .Where(x => (x.OptionWrong || x.CoveredAgainst || x.BilledUnlimited || x.Unknown) && !UnapprovedWriteOff(x.Entry))
            .Select(x =>
            {
                var chargedByStandard = x.Result.ExpectedBillableOption == BillableOption.Billable && x.Result.Classification is EntryClassification.Billable or EntryClassification.Excluded;
                var claimed = Covered(x.Entry) && x.Fact != Fact.InScope ? x.Entry.AgreementHours : Hours.Zero;
                var lost = chargedByStandard ? Hours.Max(Hours.Zero, x.Entry.HoursBilled - x.Entry.ChargeableHours - claimed) : Hours.Zero;
                return EntryHit(LeakageChecks.CodingStandardMismatch, x.Entry, BillRate(x.Entry) * lost);
            }));

        // ---- duplicate charges
        bool Identical(TimeEntry a, TimeEntry b) =>
            a.MemberId == b.MemberId && a.ChargeToType == b.ChargeToType && a.ChargeToId == b.ChargeToId
            && a.TimeStart == b.TimeStart && a.TimeEnd == b.TimeEnd && a.Notes == b.Notes;
        var tolerance = TimeSpan.FromMinutes(o.OverlapToleranceMinutes);
        hits.AddRange(entries.Where(e => members.ContainsKey(e.MemberId)).GroupBy(e => e.MemberId).SelectMany(g =>
        {
            var found = new List<Hit>();
            TimeEntry? latest = null;
            foreach (var e in g.OrderBy(e => e.TimeStart).ThenBy(e => e.Id))
            {
                if (latest is not null && Min(latest.TimeEnd, e.TimeEnd) - e.TimeStart > tolerance && !Identical(latest, e))
                {
                    var overlap = Hours.Between(e.TimeStart, Min(latest.TimeEnd, e.TimeEnd));
                    found.Add(EntryHit(LeakageChecks.OverlappingTime, e, e.BillableOption == BillableOption.Billable ? BillRate(e) * overlap : Money.Zero, Ref(EntityKind.TimeEntry, latest.Id)));
                }

                latest = latest is null || e.TimeEnd > latest.TimeEnd ? e : latest;
            }

            return found;
        }));

        var creditedEntries = s.Invoices.Where(i => i.Type == InvoiceType.CreditMemo).SelectMany(i => i.Lines)
            .Where(l => l.Source?.Kind == EntityKind.TimeEntry).GroupBy(l => l.Source!.Id).ToDictionary(g => g.Key, g => g.Count());
        var entriesById = entries.GroupBy(e => e.Id).ToDictionary(g => g.Key, g => g.First());
        hits.AddRange(s.Invoices.Where(i => i.Type != InvoiceType.CreditMemo)
            .SelectMany(i => i.Lines.Where(l => l.Source?.Kind == EntityKind.TimeEntry && entriesById.ContainsKey(l.Source.Id)).Select(l => (Invoice: i, Line: l)))
            .GroupBy(x => x.Line.Source!.Id)
            .Select(g => (Entry: entriesById[g.Key], Lines: g.ToList(), Excess: g.Count() - 1 - creditedEntries.GetValueOrDefault(g.Key)))
            .Where(x => x.Excess > 0)
            .Select(x => EntryHit(LeakageChecks.LabourOnTwoInvoices, x.Entry,
                x.Lines.Skip(x.Lines.Count - x.Excess).Aggregate(Money.Zero, (sum, l) => sum + l.Line.Amount),
                [.. x.Lines.Select(l => l.Invoice).Distinct().Select(i => Ref(EntityKind.Invoice, i.Id))])));

        hits.AddRange(entries.Where(e => members.ContainsKey(e.MemberId))
            .GroupBy(e => (e.MemberId, e.ChargeToType, e.ChargeToId, e.TimeStart, e.TimeEnd, e.Notes))
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.OrderBy(e => e.Id).Skip(1).Select(e => (First: g.OrderBy(x => x.Id).First(), Repeat: e)))
            .Select(x => EntryHit(LeakageChecks.IdenticalEntries, x.Repeat,
                BillRate(x.Repeat) * (x.Repeat.BillableOption == BillableOption.Billable ? x.Repeat.ChargeableHours : Hours.Zero), Ref(EntityKind.TimeEntry, x.First.Id))));

        var additions = s.Agreements.SelectMany(a => a.Additions.Select(d => (Agreement: a, Addition: d))).GroupBy(x => x.Addition.Id).ToDictionary(g => g.Key, g => g.First());
        var additionLines = s.Invoices.Where(i => i.Type != InvoiceType.CreditMemo)
            .SelectMany(i => i.Lines.Where(l => l.Source?.Kind == EntityKind.AgreementAddition).Select(l => (Invoice: i, Line: l)))
            .GroupBy(x => (x.Line.Source!.Id, Month: (x.Invoice.Date.Year * 12) + x.Invoice.Date.Month - 1))
            .ToDictionary(g => g.Key, g => g.ToList());
        hits.AddRange(additionLines.Where(p => p.Value.Count > 1).Select(p =>
        {
            var first = p.Value[0].Invoice;
            var (agreementId, companyId) = additions.TryGetValue(p.Key.Id, out var known) ? (known.Agreement.Id, known.Agreement.CompanyId) : (first.AgreementId, first.CompanyId);
            return new Hit(LeakageChecks.AdditionBilledTwice, companyId, agreementId,
                [Ref(EntityKind.AgreementAddition, p.Key.Id), .. p.Value.Select(x => x.Invoice).Distinct().Select(i => Ref(EntityKind.Invoice, i.Id))],
                p.Value.Skip(1).Aggregate(Money.Zero, (sum, x) => sum + x.Line.Amount));
        }));

        // ---- unbilled overage
        hits.AddRange(entries.Where(e => Covered(e) && AgreementOf(e.AgreementId) is not null).GroupBy(e => e.AgreementId!.Value).SelectMany(g =>
        {
            var agreement = agreements[g.Key];
            return g.Select(e => (Entry: e, Allowance: Rules(g.Key, Day(e.TimeStart))?.Included ?? Allowance.FromAgreement(agreement)))
                .Where(x => !x.Allowance.IsUnlimited)
                .GroupBy(x => CyclePeriod.Containing(x.Allowance.Cycle, agreement.StartDate, Day(x.Entry.TimeStart)).Start)
                .Select(c => Overage(agreement, c.Key, [.. c.Select(x => x.Entry).OrderBy(e => e.TimeStart).ThenBy(e => e.Id)]))
                .OfType<Hit>();
        }));

        Hit? Overage(Agreement agreement, DateOnly cycleStart, List<TimeEntry> cycle)
        {
            var rules = classifier.RulesFor(agreement, cycleStart);
            var allowance = rules?.Included ?? Allowance.FromAgreement(agreement);
            var trigger = rules?.Overage ?? new OverageTrigger(100m, agreement.AllowOverruns ? OverageAction.BillAtOverageRate : OverageAction.Block);
            if (allowance.Quantity is not { } limit || trigger.Action == OverageAction.Warn)
            {
                return null;
            }

            var incidents = new HashSet<long>();
            var over = new HashSet<long>();
            var used = 0m;
            var parts = new List<(TimeEntry Entry, Hours Hours)>();
            foreach (var e in cycle)
            {
                Hours hours;
                if (allowance.Units == ApplicationUnits.Incidents)
                {
                    var incident = e.TicketId is { } t ? t : -1L - e.Id;
                    if (incidents.Add(incident) && ++used > limit)
                    {
                        over.Add(incident);
                    }

                    hours = over.Contains(incident) ? e.AgreementHours : Hours.Zero;
                }
                else
                {
                    var usage = allowance.Units == ApplicationUnits.Amount ? (BillRate(e) * e.AgreementHours).Amount : e.AgreementHours.Value;
                    var before = used;
                    used += usage;
                    var beyond = Math.Max(0m, used - Math.Max(before, limit));
                    hours = beyond <= 0m ? Hours.Zero
                        : allowance.Units == ApplicationUnits.Hours ? new Hours(beyond)
                        : beyond == usage ? e.AgreementHours : new Hours(e.AgreementHours.Value * beyond / usage);
                }

                if (hours > Hours.Zero)
                {
                    parts.Add((e, hours));
                }
            }

            if (used <= limit || !trigger.IsReached(used, limit) || parts.Count == 0)
            {
                return null;
            }

            var amount = parts.Aggregate(Money.Zero, (sum, p) => sum + (allowance.Units == ApplicationUnits.Amount ? BillRate(p.Entry) : trigger.OverageRate ?? BillRate(p.Entry)) * p.Hours);
            return new Hit(LeakageChecks.UnbilledOverage, agreement.CompanyId, agreement.Id,
                [Ref(EntityKind.Agreement, agreement.Id), .. parts.Select(p => Ref(EntityKind.TimeEntry, p.Entry.Id))], amount.RoundToCents());
        }

        // ---- rates
        var priced = entries.Where(e => e.ChargeableHours > Hours.Zero)
            .Select(e =>
            {
                var rates = Rates(e.AgreementId, Day(e.TimeStart));
                var known = roles.TryGetValue(e.WorkRoleId, out var role) & types.TryGetValue(e.WorkTypeId, out var type);
                return (Entry: e, Rates: rates, Role: role, Type: type, Known: known, AfterHours: !rates.BusinessHours.Contains(e.TimeStart));
            })
            .Where(x => x.Known)
            .Select(x =>
            {
                var standardRoles = x.Rates with { RoleRates = new Dictionary<int, Money>() };
                return (x.Entry,
                    Expected: x.Rates.HourlyRate(x.Role!, x.Type!, x.AfterHours),
                    Business: x.Rates.HourlyRate(x.Role!, x.Type!, afterHours: false),
                    Standard: standardRoles.HourlyRate(x.Role!, x.Type!, x.AfterHours),
                    StandardBusiness: standardRoles.HourlyRate(x.Role!, x.Type!, afterHours: false),
                    HigherRole: x.Rates.RoleRates.TryGetValue(x.Role!.Id, out var special) && special > x.Role.HourlyRate,
                    x.AfterHours);
            })
            .Where(x => x.Entry.HourlyRate.Amount < x.Expected.Amount - o.RateTolerance)
            .Select(x => (x.Entry, x.Expected,
                Check: x.AfterHours && x.Expected > x.Business && (Near(x.Entry.HourlyRate, x.Business, o.RateTolerance) || Near(x.Entry.HourlyRate, x.StandardBusiness, o.RateTolerance))
                    ? LeakageChecks.AfterHoursRateNotApplied
                    : x.HigherRole && Near(x.Entry.HourlyRate, x.Standard, o.RateTolerance) ? LeakageChecks.RoleRateNotApplied : LeakageChecks.RateDiffersFromAgreement));
        hits.AddRange(priced.Select(x => EntryHit(x.Check, x.Entry, (x.Expected - x.Entry.HourlyRate) * x.Entry.ChargeableHours)));

        // ---- stale and unapproved
        var invoicedEntries = s.Invoices.Where(i => i.Type != InvoiceType.CreditMemo).SelectMany(i => i.Lines)
            .Where(l => l.Source?.Kind == EntityKind.TimeEntry).Select(l => l.Source!.Id).ToHashSet();
        hits.AddRange(entries
            .Where(e => e.ChargeableHours > Hours.Zero && e.Status == TimeEntryStatus.ReadyToBill && e.InvoiceId is null && !invoicedEntries.Contains(e.Id))
            .Where(e => s.PeriodEnd.DayNumber - Day(e.TimeStart).DayNumber > o.StaleAfterDays)
            .Select(e => EntryHit(LeakageChecks.ReadyToBillStale, e, BillRate(e) * e.ChargeableHours)));
        hits.AddRange(entries.Where(UnapprovedWriteOff)
            .Select(e => EntryHit(LeakageChecks.WriteOffWithoutApproval, e, BillRate(e) * (e.HoursBilled - e.AgreementHours))));

        // ---- invoice and agreement drift
        var agreementInvoices = s.Invoices.Where(i => i.Type == InvoiceType.Agreement && i.AgreementId is { } a && agreements.ContainsKey(a))
            .Select(i => (Invoice: i, Agreement: agreements[i.AgreementId!.Value])).ToList();
        hits.AddRange(agreementInvoices
            .Where(x => x.Invoice.Date > Day(x.Agreement.LastUpdated))
            .Select(x => (x.Invoice, x.Agreement, Shortfall: Shortfall(x.Invoice, x.Agreement)))
            .Where(x => x.Shortfall > Money.Zero)
            .Select(x => new Hit(LeakageChecks.AgreementAmountDrift, x.Agreement.CompanyId, x.Agreement.Id,
                [Ref(EntityKind.Agreement, x.Agreement.Id), Ref(EntityKind.Invoice, x.Invoice.Id)], x.Shortfall)));
        hits.AddRange(agreementInvoices
            .SelectMany(x => x.Agreement.Additions.Select(d => (x.Invoice, x.Agreement, Addition: d)))
            .Where(x => x.Addition.IsBillableOn(x.Invoice.Date) && x.Addition.ExtPrice > Money.Zero
                && !additionLines.ContainsKey((x.Addition.Id, (x.Invoice.Date.Year * 12) + x.Invoice.Date.Month - 1)))
            .Select(x => new Hit(LeakageChecks.AdditionNotInvoiced, x.Agreement.CompanyId, x.Agreement.Id,
                [Ref(EntityKind.AgreementAddition, x.Addition.Id), Ref(EntityKind.Invoice, x.Invoice.Id)], x.Addition.ExtPrice)));

        return hits;
    }

    private static Money Shortfall(Invoice invoice, Agreement agreement)
    {
        var itemized = invoice.Lines.Any(l => l.Source is { Kind: EntityKind.AgreementAddition } || (l.Source is { Kind: EntityKind.Agreement } s && s.Id == agreement.Id));
        if (!itemized)
        {
            return agreement.ExpectedInvoiceAmount(invoice.Date) - invoice.AgreementAmount;
        }

        var fee = invoice.Lines.Where(l => l.Source is { Kind: EntityKind.Agreement } s && s.Id == agreement.Id).Aggregate(Money.Zero, (sum, l) => sum + l.Amount);
        var additions = agreement.Additions
            .Where(d => d.IsBillableOn(invoice.Date))
            .Select(d => (Addition: d, Lines: invoice.Lines.Where(l => l.Source is { Kind: EntityKind.AgreementAddition } s && s.Id == d.Id).ToList()))
            .Where(x => x.Lines.Count > 0)
            .Aggregate(Money.Zero, (sum, x) => sum + Money.Max(Money.Zero, x.Addition.ExtPrice - x.Lines.Aggregate(Money.Zero, (t, l) => t + l.Amount)));
        return Money.Max(Money.Zero, agreement.BillAmount - fee) + additions;
    }

    private static bool Near(Money a, Money b, decimal tolerance) => Math.Abs(a.Amount - b.Amount) <= tolerance;

    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
