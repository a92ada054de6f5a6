namespace BillingOrchestrator.Billing.Demo;

/// <summary>A ticket while time is being generated against it.</summary>
internal sealed class TicketDraft
{
    public required int Id { get; init; }

    public required int CompanyId { get; init; }

    public required int AgreementIndex { get; init; }

    public required int KindIndex { get; init; }

    public required string Summary { get; init; }

    public required DateTimeOffset DateEntered { get; init; }

    public int RemainingEntries { get; set; }

    public int EntryCount { get; set; }

    public DateTimeOffset LastEnd { get; set; }

    public DateTimeOffset? ClosedDate { get; set; }
}
