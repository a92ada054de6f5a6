using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Tests.Builders;

/// <summary>Time entries with sensible defaults: one billable hour of help-desk remote support, Tuesday 10:00 UTC.</summary>
internal sealed class TimeEntryBuilder
{
    private TimeEntry _entry = new()
    {
        Id = 1,
        CompanyId = 2,
        ChargeToType = ChargeToType.ServiceTicket,
        ChargeToId = 500,
        MemberId = 7,
        WorkTypeId = TestWorld.Remote,
        WorkRoleId = TestWorld.HelpDesk,
        AgreementId = 10,
        TimeStart = new DateTimeOffset(2026, 9, 15, 10, 0, 0, TimeSpan.Zero),
        TimeEnd = new DateTimeOffset(2026, 9, 15, 11, 0, 0, TimeSpan.Zero),
        ActualHours = new Hours(1m),
        HoursBilled = new Hours(1m),
        BillableOption = BillableOption.Billable,
        HourlyRate = new Money(125m),
        Status = TimeEntryStatus.ReadyToBill,
        DateEntered = new DateTimeOffset(2026, 9, 15, 11, 5, 0, TimeSpan.Zero),
    };

    public TimeEntryBuilder OnAgreement(int? agreementId) => Set(e => e with { AgreementId = agreementId });

    public TimeEntryBuilder Doing(int workTypeId, int workRoleId = TestWorld.HelpDesk) => Set(e => e with { WorkTypeId = workTypeId, WorkRoleId = workRoleId });

    public TimeEntryBuilder ChargedTo(ChargeToType type) => Set(e => e with { ChargeToType = type });

    public TimeEntryBuilder At(int year, int month, int day, int hour) => Set(e =>
    {
        var start = new DateTimeOffset(year, month, day, hour, 0, 0, TimeSpan.Zero);
        return e with { TimeStart = start, TimeEnd = start + (e.TimeEnd - e.TimeStart) };
    });

    public TimeEntryBuilder Coded(BillableOption option) => Set(e => e with { BillableOption = option });

    /// <summary>Applies the entry's hours to its agreement.</summary>
    public TimeEntryBuilder Covered() => Set(e => e with { AgreementHours = e.HoursBilled });

    public TimeEntry Build() => _entry;

    public static implicit operator TimeEntry(TimeEntryBuilder builder) => builder.Build();

    private TimeEntryBuilder Set(Func<TimeEntry, TimeEntry> change)
    {
        _entry = change(_entry);
        return this;
    }
}
