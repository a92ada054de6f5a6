using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Demo;

/// <summary>A time entry while the generator still changes it; becomes a <see cref="TimeEntry"/> once.</summary>
internal struct EntryDraft
{
    public int CompanyId;
    public ChargeToType ChargeToType;
    public int ChargeToId;
    public int MemberIndex;
    public int WorkTypeId;
    public int WorkRoleId;
    public int AgreementIndex;
    public DateTimeOffset TimeStart;
    public int Quarters;
    public bool Covered;
    public BillableOption BillableOption;
    public Money HourlyRate;
    public TimeEntryStatus Status;
    public int InvoiceId;
    public bool Approved;
    public int DateEnteredDelayMinutes;
    public EntryMarks Marks;

    public readonly Hours Hours => new(Quarters / 4m);

    public readonly DateTimeOffset TimeEnd => TimeStart.AddMinutes(Quarters * 15);

    public readonly Money ChargeableAmount =>
        BillableOption == BillableOption.Billable && !Covered ? (HourlyRate * Hours).RoundToCents() : Money.Zero;
}
