using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;
using static BillingOrchestrator.Billing.Demo.DemoReference;

namespace BillingOrchestrator.Billing.Demo;

/// <summary>
/// Technician days, tickets and time entries. Each entry is coded by the coding standard and priced by the
/// catalog, so clean entries agree with both; limited agreements are kept below 90% of their allowance.
/// </summary>
internal sealed partial class DemoBuilder
{
    private const double PtoRate = 0.03, EveningRate = 0.05;
    private const int OnCallRotation = 10;

    private readonly HashSet<long> _shortDays = [];
    private readonly List<int> _dayLastEntries = [];
    private int[] _openTickets = [];
    private decimal[] _usage = [];
    private int _nextActivityId = 1;

    private static bool IsServiceRole(int roleId) => roleId is HelpDesk or SystemsEngineer or NetworkEngineer or SecurityAnalyst;

    private static long DayKey(int member, int day) => ((long)member << 20) | (uint)day;

    /// <summary>Decides up front which technician days stay short and which agreements get tickets but no time.</summary>
    private void PlanMissingTime()
    {
        var days = _periodEnd.DayNumber - _periodStart.DayNumber + 1;
        while (_shortDays.Count < _options.CasesPerCheck)
        {
            var day = _random.Next(days - 3);
            if (_periodStart.AddDays(day).DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                _shortDays.Add(DayKey(_random.Next(_options.Technicians), day));
            }
        }

        var candidates = new List<int>();
        for (var c = 1; c <= _options.Companies; c++)
        {
            if (_companion[c] >= 0)
            {
                candidates.Add(_companion[c]);
            }
        }

        for (var k = 0; k < _options.CasesPerCheck && candidates.Count > 0; k++)
        {
            var pick = _random.Next(candidates.Count);
            _reservedAgreements.Add(candidates[pick]);
            candidates.RemoveAt(pick);
        }
    }

    private void GenerateTime()
    {
        var days = _periodEnd.DayNumber - _periodStart.DayNumber + 1;
        var weekdays = 0;
        var weekendDays = 0;
        for (var d = 0; d < days; d++)
        {
            if (_periodStart.AddDays(d).DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
            {
                weekendDays++;
            }
            else
            {
                weekdays++;
            }
        }

        var technicians = _options.Technicians;
        var onCallEntries = (weekendDays * technicians * 0.85 * 2 / OnCallRotation) + (weekdays * technicians * EveningRate * 1.5);
        var meanPerDay = (_options.TargetTimeEntries - onCallEntries) / (weekdays * technicians * (1 - PtoRate));
        _openTickets = new int[(_options.Companies + 1) * Kinds.Count];
        Array.Fill(_openTickets, -1);
        _usage = new decimal[_agreements.Count * _options.Months];

        for (var d = 0; d < days; d++)
        {
            var date = _periodStart.AddDays(d);
            var weekend = date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;
            for (var m = 0; m < technicians; m++)
            {
                var roleId = _members[m].DefaultRoleId;
                if (weekend)
                {
                    if (IsServiceRole(roleId) && (m + d) % OnCallRotation == 0)
                    {
                        OnCall(m, date, (9 + _random.Next(11)) * 60, 1 + _random.Next(3));
                    }

                    continue;
                }

                if (_shortDays.Contains(DayKey(m, d)))
                {
                    ShortDay(m, date);
                    continue;
                }

                if (Chance(PtoRate))
                {
                    InternalEntry(m, At(date, 8 * 60), 32, PaidTimeOff);
                    continue;
                }

                WorkDay(m, date, meanPerDay);
                if (IsServiceRole(roleId) && Chance(EveningRate))
                {
                    OnCall(m, date, (19 * 60) + (30 * _random.Next(4)), 1 + _random.Next(2));
                }
            }
        }
    }

    private void WorkDay(int member, DateOnly date, double meanPerDay)
    {
        var quarters = 30 + _random.Next(7);
        var count = (int)Math.Round(meanPerDay * (0.85 + (0.3 * _random.NextDouble())));
        count = Math.Clamp(count, 2, quarters);
        Span<int> lengths = stackalloc int[count];
        lengths.Fill(1);
        for (var extra = quarters - count; extra > 0; extra--)
        {
            lengths[_random.Next(count)]++;
        }

        var adminSlot = Chance(0.3) ? _random.Next(count) : -1;
        var trainingSlot = Chance(0.05) ? _random.Next(count) : -1;
        var start = At(date, (8 * 60) + (15 * _random.Next(3)));
        var last = -1;
        for (var k = 0; k < count; k++)
        {
            last = k == adminSlot ? InternalEntry(member, start, lengths[k], InternalAdmin)
                : k == trainingSlot ? InternalEntry(member, start, lengths[k], Training)
                : ServiceEntry(member, start, lengths[k], KindFor(member, onCall: false));
            start = start.AddMinutes(lengths[k] * 15);
        }

        if (Entry(last).ChargeToType is ChargeToType.ServiceTicket or ChargeToType.ProjectTicket)
        {
            _dayLastEntries.Add(last);
        }
    }

    private void OnCall(int member, DateOnly date, int startMinutes, int count)
    {
        var start = At(date, startMinutes);
        for (var k = 0; k < count; k++)
        {
            var quarters = 2 + _random.Next(3);
            ServiceEntry(member, start, quarters, KindFor(member, onCall: true));
            start = start.AddMinutes((quarters + 1) * 15);
        }
    }

    /// <summary>A technician who logs half an hour on a working day: the rest of the day is missing time.</summary>
    private void ShortDay(int member, DateOnly date)
    {
        var index = ServiceEntry(member, At(date, 9 * 60), 2, KindFor(member, onCall: false));
        Entry(index).Marks |= EntryMarks.Tainted;
        var m = _members[member];
        var role = Role(m.DefaultRoleId);
        var logged = Entry(index).Hours;
        var missing = m.DailyCapacity - logged;
        Record(
            LeakageChecks.TechnicianDayBelowSchedule,
            [new SourceRef(EntityKind.Member, m.Id), new SourceRef(EntityKind.TimeEntry, index + 1)],
            OwnCompany + 1,
            -1,
            missing,
            role.HourlyRate * missing,
            $"{m.Identifier} logged {logged} on {date:yyyy-MM-dd} against a daily capacity of {m.DailyCapacity}; {missing} unlogged, valued at the {role.Name} rate {role.HourlyRate}/h.");
    }

    private int KindFor(int member, bool onCall)
    {
        var roleId = _members[member].DefaultRoleId;
        if (onCall)
        {
            var emergency = Chance(0.2);
            return roleId switch
            {
                NetworkEngineer => emergency ? 6 : 4,
                SecurityAnalyst => emergency ? 8 : 7,
                _ => emergency ? 1 : 0,
            };
        }

        var weights = KindWeights[roleId - 1];
        var x = _random.Next(100);
        for (var k = 0; k < weights.Length; k++)
        {
            x -= weights[k];
            if (x < 0)
            {
                return k;
            }
        }

        return 0;
    }

    private int InternalEntry(int member, DateTimeOffset start, int quarters, int workTypeId)
    {
        var roleId = _members[member].DefaultRoleId;
        var chargeTo = workTypeId == Training ? ChargeToType.Activity : ChargeToType.ChargeCode;
        var decision = _classifier.Decide(null, workTypeId, roleId, chargeTo, start);
        return AddEntry(new EntryDraft
        {
            CompanyId = OwnCompany + 1,
            ChargeToType = chargeTo,
            ChargeToId = workTypeId switch { Training => _nextActivityId++, PaidTimeOff => PtoChargeCode, _ => AdminChargeCode },
            MemberIndex = member,
            WorkTypeId = workTypeId,
            WorkRoleId = roleId,
            AgreementIndex = -1,
            TimeStart = start,
            Quarters = quarters,
            BillableOption = decision.ExpectedBillableOption,
            HourlyRate = SpecialRates.Standard.HourlyRate(Role(roleId), WorkTypeOf(workTypeId), decision.AfterHours),
            Approved = true,
            DateEnteredDelayMinutes = 5 + _random.Next(85),
        });
    }

    /// <summary>
    /// One entry of customer work: picks a customer, reuses its open ticket of this kind or opens one on the right
    /// agreement, codes and prices the entry. A customer whose limited agreement is nearly used up is skipped.
    /// </summary>
    private int ServiceEntry(int member, DateTimeOffset start, int quarters, int kind)
    {
        var roleId = _members[member].DefaultRoleId;
        var (board, workTypeId) = Kinds[kind];
        var chargeTo = board == ProjectsBoard ? ChargeToType.ProjectTicket : ChargeToType.ServiceTicket;
        var date = DateOf(start);
        var month = MonthIndex(date);
        var hours = new Hours(quarters / 4m);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var company = PickCompany();
            var slot = (company * Kinds.Count) + kind;
            var ticketIndex = _openTickets[slot];
            var agreementIndex = ticketIndex >= 0 ? _tickets[ticketIndex].AgreementIndex : ChooseAgreement(company, board, date);
            if (agreementIndex < 0)
            {
                continue;
            }

            var decision = _classifier.Decide(agreementIndex + 1, workTypeId, roleId, chargeTo, start);
            var rates = decision.Rules?.Rates ?? SpecialRates.Standard;
            var rate = rates.HourlyRate(Role(roleId), WorkTypeOf(workTypeId), decision.AfterHours);
            var covered = decision.Classification == EntryClassification.Covered;
            var use = 0m;
            if (covered && decision.Rules!.Included.Quantity is { } limit)
            {
                use = decision.Rules.Included.Units == ApplicationUnits.Amount ? (rate * hours).Amount : hours.Value;
                if (_usage[(agreementIndex * _options.Months) + month] + use > limit * 0.9m)
                {
                    continue;
                }
            }

            if (ticketIndex < 0)
            {
                ticketIndex = OpenTicket(company, agreementIndex, kind, start);
                _openTickets[slot] = ticketIndex;
            }

            _usage[(agreementIndex * _options.Months) + month] += use;
            var ticket = _tickets[ticketIndex];
            var index = AddEntry(new EntryDraft
            {
                CompanyId = company + 1,
                ChargeToType = chargeTo,
                ChargeToId = ticket.Id,
                MemberIndex = member,
                WorkTypeId = workTypeId,
                WorkRoleId = roleId,
                AgreementIndex = agreementIndex,
                TimeStart = start,
                Quarters = quarters,
                Covered = covered,
                BillableOption = decision.ExpectedBillableOption,
                HourlyRate = rate,
                Approved = true,
                DateEnteredDelayMinutes = 5 + _random.Next(85),
            });
            ticket.EntryCount++;
            ticket.LastEnd = Entry(index).TimeEnd;
            if (--ticket.RemainingEntries == 0)
            {
                ticket.ClosedDate = ticket.LastEnd.AddHours(1);
                _openTickets[slot] = -1;
            }

            return index;
        }

        return InternalEntry(member, start, quarters, InternalAdmin);
    }

    private int OpenTicket(int company, int agreementIndex, int kind, DateTimeOffset firstWork)
    {
        var summaries = Summaries[kind];
        var roll = _random.Next(100);
        var planned = roll < 35 ? 1 : roll < 60 ? 2 : roll < 75 ? 3 : roll < 85 ? 4 : roll < 92 ? 5 : 6 + _random.Next(3);
        _tickets.Add(new TicketDraft
        {
            Id = _tickets.Count + 1,
            CompanyId = company + 1,
            AgreementIndex = agreementIndex,
            KindIndex = kind,
            Summary = summaries[_random.Next(summaries.Length)],
            DateEntered = firstWork.AddMinutes(-(5 + _random.Next(115))),
            RemainingEntries = planned,
        });
        return _tickets.Count - 1;
    }

    /// <summary>
    /// The agreement a new ticket goes on: project, security and consulting work on the time-and-materials
    /// companion when there is one, other work on the covering agreement, else whatever is active.
    /// </summary>
    private int ChooseAgreement(int company, int board, DateOnly date)
    {
        var primary = _primary[company];
        var companion = _companion[company];
        var late = _lateStart[company];
        if (board is ProjectsBoard or SecurityBoard or ConsultingBoard && Usable(companion, date))
        {
            return companion;
        }

        if (Usable(primary, date) && AgreementOf(primary).CoverAgreementTime)
        {
            return primary;
        }

        if (Usable(late, date))
        {
            return late;
        }

        return Usable(primary, date) ? primary : Usable(companion, date) ? companion : -1;
    }

    private bool Usable(int agreementIndex, DateOnly date) =>
        agreementIndex >= 0
        && !_reservedAgreements.Contains(agreementIndex)
        && AgreementOf(agreementIndex) is { AgreementStatus: AgreementStatus.Active } agreement
        && agreement.IsInTerm(date);

    /// <summary>Closes tickets whose work is done (or abandoned for ten days); the rest stay in progress.</summary>
    private void CloseTickets()
    {
        var end = PeriodEndInstant;
        foreach (var ticket in _tickets)
        {
            if (ticket.ClosedDate is { } closed && closed >= end)
            {
                ticket.ClosedDate = null;
            }

            if (ticket.ClosedDate is null && ticket.LastEnd < end.AddDays(-10))
            {
                ticket.ClosedDate = ticket.LastEnd.AddDays(2);
            }
        }
    }
}
