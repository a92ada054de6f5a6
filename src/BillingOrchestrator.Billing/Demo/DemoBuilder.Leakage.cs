using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;
using static BillingOrchestrator.Billing.Demo.DemoReference;

namespace BillingOrchestrator.Billing.Demo;

/// <summary>
/// Leakage injected into time and tickets before invoicing, so invoices reflect it as ConnectWise would.
/// Each case takes clean records no other case has touched and records exactly what it changed.
/// </summary>
internal sealed partial class DemoBuilder
{
    private void InjectBeforeInvoicing()
    {
        var n = _options.CasesPerCheck;
        var entryCounts = EntriesPerAgreement();
        for (var k = 0; k < n; k++)
        {
            ClosedTicketWithoutTime(entryCounts);
        }

        foreach (var agreementIndex in _reservedAgreements.Order())
        {
            ActivityWithoutTime(agreementIndex);
        }

        for (var k = 0; k < n; k++)
        {
            ExcludedWorkCovered();
            CoveredOutsideTerm();
            CoveredWithoutTimeCoverage();
            OtherCompanyAgreement();
            InactiveAgreement((k % 3) switch { 0 => AgreementStatus.Cancelled, 1 => AgreementStatus.Inactive, _ => AgreementStatus.Expired });
            TicketAgreementMismatch();
            CodingStandardMismatch();
            OverlappingTime();
            IdenticalEntries();
            AfterHoursRateNotApplied();
            RoleRateNotApplied();
            RateDiffersFromAgreement();
            ReadyToBillStale();
            WriteOffWithoutApproval();
        }

        UnbilledOverage(n);
    }

    private int[] EntriesPerAgreement()
    {
        var counts = new int[_agreements.Count];
        for (var i = 0; i < _entryCount; i++)
        {
            if (_entries[i].AgreementIndex >= 0)
            {
                counts[_entries[i].AgreementIndex]++;
            }
        }

        return counts;
    }

    // ---- missing time -------------------------------------------------------------------------------------

    private void ClosedTicketWithoutTime(int[] entryCounts)
    {
        var a = PickAgreement(LeakageChecks.ClosedTicketWithoutTime, a =>
            AgreementOf(a) is { TypeId: TimeAndMaterials, AgreementStatus: AgreementStatus.Active } && entryCounts[a] > 0 && !_reservedAgreements.Contains(a));
        var agreement = AgreementOf(a);
        var opened = At(_periodStart.AddDays(_random.Next(60)), (10 * 60) + (15 * _random.Next(20)));
        var ticket = NewTicket(agreement.CompanyId, a, 0, opened, opened.AddDays(1));
        var hours = new Hours((4 + _random.Next(9)) / 4m);
        var rate = _catalog.Resolve(agreement, DateOf(opened))!.Rates.HourlyRate(Role(HelpDesk), WorkTypeOf(RemoteSupport), afterHours: false);
        Record(
            LeakageChecks.ClosedTicketWithoutTime,
            [TicketRef(ticket)],
            agreement.CompanyId,
            a,
            hours,
            rate * hours,
            $"Ticket {ticket.Id} '{ticket.Summary}' ({Boards[0]}) was closed on {ticket.ClosedDate:yyyy-MM-dd} with no time logged; about {hours} of help desk work billable under {agreement.Name} at {rate}/h.");
    }

    private void ActivityWithoutTime(int a)
    {
        var agreement = AgreementOf(a);
        var rate = _catalog.Resolve(agreement, _monthStarts[LastMonth])!.Rates.HourlyRate(Role(SecurityAnalyst), WorkTypeOf(RemoteSupport), afterHours: false);
        var first = NewTicket(agreement.CompanyId, a, 7, At(_monthStarts[LastMonth].AddDays(_random.Next(10)), 10 * 60), null);
        var second = NewTicket(agreement.CompanyId, a, 7, At(_monthStarts[LastMonth].AddDays(10 + _random.Next(10)), 14 * 60), null);
        var hours = new Hours(3m);
        Record(
            LeakageChecks.AgreementActivityWithoutTime,
            [AgreementRef(a), TicketRef(first), TicketRef(second)],
            agreement.CompanyId,
            a,
            hours,
            rate * hours,
            $"{agreement.Name} has tickets {first.Id} and {second.Id} in progress but no time in the period; about {hours} of security work at {rate}/h is unlogged.");
    }

    // ---- out-of-scope labour ------------------------------------------------------------------------------

    private void ExcludedWorkCovered()
    {
        var i = FindEntry(LeakageChecks.ExcludedWorkCovered, i =>
            IsChargeable(i)
            && AgreementOf(Entry(i).AgreementIndex) is { TypeId: ManagedServices or PerDevice, AgreementStatus: AgreementStatus.Active } agreement
            && agreement.IsInTerm(DateOf(Entry(i).TimeStart))
            && Decide(i).Coverage == Coverage.OutOfScope);
        var amount = Entry(i).ChargeableAmount;
        var rules = RulesOf(i)!;
        Entry(i).Covered = true;
        RecordEntry(
            LeakageChecks.ExcludedWorkCovered,
            i,
            amount,
            $"{Describe(i)} was applied to {AgreementOf(Entry(i).AgreementIndex).Name}, whose rules ({rules.VersionLabel}) do not cover {WorkTypeOf(Entry(i).WorkTypeId).Name}; it should have been billed at {Entry(i).HourlyRate}/h.");
    }

    private void CoveredOutsideTerm()
    {
        var i = FindEntry(LeakageChecks.CoveredOutsideAgreementTerm, i =>
            IsChargeable(i)
            && Entry(i).ChargeToType == ChargeToType.ServiceTicket
            && _lateStart[Entry(i).CompanyId - 1] is var late and >= 0
            && !_taintedAgreements.Contains(late)
            && DateOf(Entry(i).TimeStart) < AgreementOf(late).StartDate
            && _tickets[Entry(i).ChargeToId - 1].EntryCount >= 2);
        var lateIndex = _lateStart[Entry(i).CompanyId - 1];
        var amount = Entry(i).ChargeableAmount;
        MoveToNewTicket(i, lateIndex);
        Entry(i).Covered = true;
        _taintedAgreements.Add(lateIndex);
        var late = AgreementOf(lateIndex);
        RecordEntry(
            LeakageChecks.CoveredOutsideAgreementTerm,
            i,
            amount,
            $"{Describe(i)} was applied to {late.Name}, which only starts on {late.StartDate:yyyy-MM-dd}; the work was billable at {Entry(i).HourlyRate}/h.");
    }

    private void CoveredWithoutTimeCoverage()
    {
        var i = FindEntry(LeakageChecks.CoveredOnAgreementWithoutTimeCoverage, i =>
            IsChargeable(i) && Entry(i).ChargeToType == ChargeToType.ServiceTicket && AgreementOf(Entry(i).AgreementIndex).TypeId == TimeAndMaterials);
        var amount = Entry(i).ChargeableAmount;
        Entry(i).Covered = true;
        RecordEntry(
            LeakageChecks.CoveredOnAgreementWithoutTimeCoverage,
            i,
            amount,
            $"{Describe(i)} was applied to {AgreementOf(Entry(i).AgreementIndex).Name}, which does not cover time; it should have been billed at {Entry(i).HourlyRate}/h.");
    }

    // ---- agreement mismatch -------------------------------------------------------------------------------

    private void OtherCompanyAgreement()
    {
        var i = FindEntry(LeakageChecks.OtherCompanyAgreement, i => IsMovableRemoteSupport(i));
        ref var e = ref Entry(i);
        var companyId = e.CompanyId;
        var (workTypeId, roleId, start) = (e.WorkTypeId, e.WorkRoleId, e.TimeStart);
        var target = PickAgreement(LeakageChecks.OtherCompanyAgreement, a =>
            AgreementOf(a) is { TypeId: ManagedServices, AgreementStatus: AgreementStatus.Active } agreement
            && agreement.CompanyId != companyId
            && !_taintedAgreements.Contains(a)
            && _classifier.Decide(a + 1, workTypeId, roleId, ChargeToType.ServiceTicket, start).Classification == EntryClassification.Covered);
        var amount = e.ChargeableAmount;
        var own = AgreementOf(e.AgreementIndex);
        MoveToNewTicket(i, target);
        e.Covered = true;
        var other = AgreementOf(target);
        RecordEntry(
            LeakageChecks.OtherCompanyAgreement,
            i,
            amount,
            $"{Describe(i)} for {_companies[companyId - 1].Name} was applied to {other.Name} of {_companies[other.CompanyId - 1].Name}; it belongs on {own.Name} at {e.HourlyRate}/h.");
    }

    private void InactiveAgreement(AgreementStatus wanted)
    {
        bool Eligible(int i, AgreementStatus? status) =>
            IsMovableRemoteSupport(i)
            && _historical[Entry(i).CompanyId - 1] is var h and >= 0
            && !_taintedAgreements.Contains(h)
            && (status is null || AgreementOf(h).AgreementStatus == status);

        var i = TryFindEntry(i => Eligible(i, wanted), out var found) ? found : FindEntry(LeakageChecks.InactiveAgreement, i => Eligible(i, null));
        ref var e = ref Entry(i);
        var historical = _historical[e.CompanyId - 1];
        var amount = e.ChargeableAmount;
        var own = AgreementOf(e.AgreementIndex);
        MoveToNewTicket(i, historical);
        e.Covered = true;
        _taintedAgreements.Add(historical);
        var old = AgreementOf(historical);
        RecordEntry(
            LeakageChecks.InactiveAgreement,
            i,
            amount,
            $"{Describe(i)} was applied to {old.Name}, which is {old.AgreementStatus}; it belongs on {own.Name} at {e.HourlyRate}/h.");
    }

    private void TicketAgreementMismatch()
    {
        var i = FindEntry(LeakageChecks.TicketAgreementMismatch, i =>
        {
            ref var e = ref Entry(i);
            var company = e.CompanyId - 1;
            var primary = _primary[company];
            return IsChargeable(i)
                && e.ChargeToType == ChargeToType.ServiceTicket
                && e.AgreementIndex == _companion[company]
                && AgreementOf(primary) is { TypeId: ManagedServices or PerDevice, AgreementStatus: AgreementStatus.Active }
                && !_taintedAgreements.Contains(primary)
                && _classifier.Decide(primary + 1, e.WorkTypeId, e.WorkRoleId, e.ChargeToType, e.TimeStart).Classification == EntryClassification.Covered;
        });
        ref var entry = ref Entry(i);
        var amount = entry.ChargeableAmount;
        var ticketAgreement = AgreementOf(entry.AgreementIndex);
        entry.AgreementIndex = _primary[entry.CompanyId - 1];
        entry.Covered = true;
        RecordEntry(
            LeakageChecks.TicketAgreementMismatch,
            i,
            amount,
            $"{Describe(i)} on ticket {entry.ChargeToId} (agreement {ticketAgreement.Name}) was applied to {AgreementOf(entry.AgreementIndex).Name}; the ticket's agreement bills it at {entry.HourlyRate}/h.",
            new SourceRef(EntityKind.ServiceTicket, entry.ChargeToId));
    }

    private void CodingStandardMismatch()
    {
        var i = FindEntry(LeakageChecks.CodingStandardMismatch, i =>
            IsChargeable(i) && Entry(i).ChargeToType == ChargeToType.ServiceTicket && AgreementOf(Entry(i).AgreementIndex).TypeId == TimeAndMaterials);
        var amount = Entry(i).ChargeableAmount;
        Entry(i).BillableOption = BillableOption.NoCharge;
        RecordEntry(
            LeakageChecks.CodingStandardMismatch,
            i,
            amount,
            $"{Describe(i)} on {AgreementOf(Entry(i).AgreementIndex).Name} is coded NoCharge; the coding standard ({DefaultCodingStandards.TimeAndMaterials}) says Billable at {Entry(i).HourlyRate}/h.");
    }

    // ---- duplicate charges --------------------------------------------------------------------------------

    private void OverlappingTime()
    {
        var start = _random.Next(_dayLastEntries.Count);
        for (var k = 0; k < _dayLastEntries.Count; k++)
        {
            var i = _dayLastEntries[(start + k) % _dayLastEntries.Count];
            ref var e = ref Entry(i);
            if ((e.Marks & EntryMarks.Tainted) != 0 || !IsChargeable(i) || e.Quarters < 2 || !BusinessHours.Standard.Contains(e.TimeStart.AddMinutes(15)))
            {
                continue;
            }

            e.Marks |= EntryMarks.Tainted;
            var copy = e;
            copy.TimeStart = e.TimeStart.AddMinutes(15);
            copy.DateEnteredDelayMinutes += 30;
            var j = AddEntry(copy);
            e = ref Entry(i);
            _tickets[e.ChargeToId - 1].EntryCount++;
            var overlap = new Hours((e.Quarters - 1) / 4m);
            Record(
                LeakageChecks.OverlappingTime,
                [EntryRef(i), EntryRef(j)],
                e.CompanyId,
                e.AgreementIndex,
                overlap,
                e.HourlyRate * overlap,
                $"{Describe(j)} overlaps {Describe(i)} by {overlap}; the same technician's time is billed twice.");
            return;
        }

        throw CannotInject(LeakageChecks.OverlappingTime);
    }

    private void IdenticalEntries()
    {
        var i = FindEntry(LeakageChecks.IdenticalEntries, IsChargeable);
        ref var e = ref Entry(i);
        e.Marks |= EntryMarks.Tainted;
        var j = AddEntry(e);
        e = ref Entry(i);
        _tickets[e.ChargeToId - 1].EntryCount++;
        Record(
            LeakageChecks.IdenticalEntries,
            [EntryRef(i), EntryRef(j)],
            e.CompanyId,
            e.AgreementIndex,
            e.Hours,
            e.ChargeableAmount,
            $"Entry {j + 1} repeats {Describe(i)} exactly; the customer is billed twice.");
    }

    // ---- unbilled overage ---------------------------------------------------------------------------------

    /// <summary>
    /// Lowers the included hours of block agreements below what they used, leaving every entry applied: each
    /// cycle that now exceeds the limit is overage nobody billed.
    /// </summary>
    private void UnbilledOverage(int agreementsToInject)
    {
        var months = _options.Months;
        var usage = new decimal[_agreements.Count * months];
        for (var i = 0; i < _entryCount; i++)
        {
            ref var e = ref _entries[i];
            if (e.Covered && e.AgreementIndex >= 0)
            {
                usage[(e.AgreementIndex * months) + MonthIndex(DateOf(e.TimeStart))] += e.Hours.Value;
            }
        }

        for (var k = 0; k < agreementsToInject; k++)
        {
            var a = PickAgreement(LeakageChecks.UnbilledOverage, a =>
                AgreementOf(a) is { TypeId: BlockHours, AgreementStatus: AgreementStatus.Active } agreement
                && agreement.StartDate < _periodStart
                && !_taintedAgreements.Contains(a)
                && MaxUsage(usage, a) >= 4m);
            _taintedAgreements.Add(a);
            var limit = Math.Max(1m, Math.Floor(MaxUsage(usage, a) * 0.8m));
            var agreement = _agreements[a] = AgreementOf(a) with { ApplicationLimit = limit };
            for (var m = 0; m < months; m++)
            {
                var used = usage[(a * months) + m];
                if (used > limit)
                {
                    OverageCase(agreement, a, m, used, limit);
                }
            }
        }
    }

    private decimal MaxUsage(decimal[] usage, int agreementIndex)
    {
        var max = 0m;
        for (var m = 0; m < _options.Months; m++)
        {
            max = Math.Max(max, usage[(agreementIndex * _options.Months) + m]);
        }

        return max;
    }

    private void OverageCase(Agreement agreement, int a, int month, decimal used, decimal limit)
    {
        var inCycle = new List<int>();
        for (var i = 0; i < _entryCount; i++)
        {
            if (_entries[i].AgreementIndex == a && _entries[i].Covered && MonthIndex(DateOf(_entries[i].TimeStart)) == month)
            {
                inCycle.Add(i);
            }
        }

        inCycle.Sort((x, y) => _entries[x].TimeStart != _entries[y].TimeStart ? _entries[x].TimeStart.CompareTo(_entries[y].TimeStart) : x.CompareTo(y));
        var records = new List<SourceRef> { AgreementRef(a) };
        var cumulative = 0m;
        foreach (var i in inCycle)
        {
            cumulative += _entries[i].Hours.Value;
            if (cumulative > limit)
            {
                records.Add(EntryRef(i));
                _entries[i].Marks |= EntryMarks.Tainted;
            }
        }

        var rules = _catalog.Resolve(agreement, _monthStarts[month])!;
        var rate = rules.Overage.OverageRate!.Value;
        var overage = new Hours(used - limit);
        Record(
            LeakageChecks.UnbilledOverage,
            records,
            agreement.CompanyId,
            a,
            overage,
            rate * overage,
            $"{agreement.Name} includes {limit} h per month; {used} h were applied in {_monthStarts[month]:yyyy-MM}. The {overage} overage was neither billed nor approved; {rules.VersionLabel} bills it at {rate}/h.");
    }

    // ---- rates --------------------------------------------------------------------------------------------

    private void AfterHoursRateNotApplied()
    {
        var i = FindEntry(LeakageChecks.AfterHoursRateNotApplied, i =>
            IsChargeable(i)
            && Entry(i).WorkTypeId is RemoteSupport or OnsiteSupport
            && !BusinessHours.Standard.Contains(Entry(i).TimeStart)
            && BusinessRate(i) < Entry(i).HourlyRate);
        ref var e = ref Entry(i);
        var expected = e.HourlyRate;
        e.HourlyRate = BusinessRate(i);
        RecordEntry(
            LeakageChecks.AfterHoursRateNotApplied,
            i,
            (expected - e.HourlyRate) * e.Hours,
            $"{Describe(i)} started after hours and was billed at {e.HourlyRate}/h instead of {expected}/h ({RulesOf(i)!.VersionLabel}).");
    }

    private void RoleRateNotApplied()
    {
        var i = FindEntry(LeakageChecks.RoleRateNotApplied, i =>
            IsChargeable(i)
            && Entry(i).WorkTypeId != EmergencySupport
            && BusinessHours.Standard.Contains(Entry(i).TimeStart)
            && RulesOf(i) is { } rules
            && rules.Rates.RoleRates.TryGetValue(Entry(i).WorkRoleId, out var special)
            && special > Role(Entry(i).WorkRoleId).HourlyRate);
        ref var e = ref Entry(i);
        var expected = e.HourlyRate;
        e.HourlyRate = WorkTypeOf(e.WorkTypeId).ApplyRate(Role(e.WorkRoleId).HourlyRate).RoundToCents();
        RecordEntry(
            LeakageChecks.RoleRateNotApplied,
            i,
            (expected - e.HourlyRate) * e.Hours,
            $"{Describe(i)} was billed at the standard {Role(e.WorkRoleId).Name} rate {e.HourlyRate}/h instead of the agreed {expected}/h ({RulesOf(i)!.VersionLabel}).");
    }

    private void RateDiffersFromAgreement()
    {
        var discount = new Money(20m);
        var i = FindEntry(LeakageChecks.RateDiffersFromAgreement, i =>
            IsChargeable(i)
            && Entry(i).WorkTypeId != EmergencySupport
            && BusinessHours.Standard.Contains(Entry(i).TimeStart)
            && RulesOf(i) is { } rules
            && !rules.Rates.RoleRates.ContainsKey(Entry(i).WorkRoleId));
        ref var e = ref Entry(i);
        var expected = e.HourlyRate;
        e.HourlyRate = expected - discount;
        RecordEntry(
            LeakageChecks.RateDiffersFromAgreement,
            i,
            discount * e.Hours,
            $"{Describe(i)} was billed at {e.HourlyRate}/h; the agreement and work-role rate is {expected}/h.");
    }

    // ---- stale and unapproved -----------------------------------------------------------------------------

    private void ReadyToBillStale()
    {
        var cutoff = _periodEnd.AddDays(-_options.StaleAfterDays - 1);
        var i = FindEntry(LeakageChecks.ReadyToBillStale, i => IsChargeable(i) && DateOf(Entry(i).TimeStart) <= cutoff);
        ref var e = ref Entry(i);
        e.Status = TimeEntryStatus.ReadyToBill;
        e.Marks |= EntryMarks.StatusFixed;
        var age = _periodEnd.DayNumber - DateOf(e.TimeStart).DayNumber;
        RecordEntry(
            LeakageChecks.ReadyToBillStale,
            i,
            e.ChargeableAmount,
            $"{Describe(i)} has been ready to bill for {age} days at period end and is on no invoice.");
    }

    private void WriteOffWithoutApproval()
    {
        var i = FindEntry(LeakageChecks.WriteOffWithoutApproval, i =>
            IsChargeable(i)
            && Entry(i).ChargeToType == ChargeToType.ServiceTicket
            && AgreementOf(Entry(i).AgreementIndex).TypeId == TimeAndMaterials
            && MonthIndex(DateOf(Entry(i).TimeStart)) < LastMonth);
        ref var e = ref Entry(i);
        var amount = e.ChargeableAmount;
        e.BillableOption = BillableOption.DoNotBill;
        e.Status = TimeEntryStatus.WrittenOff;
        e.Approved = false;
        e.Marks |= EntryMarks.StatusFixed;
        RecordEntry(
            LeakageChecks.WriteOffWithoutApproval,
            i,
            amount,
            $"{Describe(i)} on {AgreementOf(e.AgreementIndex).Name} was set to DoNotBill and written off without approval; it was billable at {e.HourlyRate}/h.");
    }
}
