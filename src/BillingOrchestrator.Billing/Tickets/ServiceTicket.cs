namespace BillingOrchestrator.Billing.Tickets;

/// <summary>
/// A ConnectWise ticket (<c>/service/tickets</c>, or a project ticket when time names it as
/// <see cref="TimeEntries.ChargeToType.ProjectTicket"/>). The board is the service line.
/// </summary>
public sealed record ServiceTicket
{
    public required int Id { get; init; }

    public required string Summary { get; init; }

    /// <summary>ConnectWise <c>board</c>: the service line the ticket belongs to.</summary>
    public required string Board { get; init; }

    public required int CompanyId { get; init; }

    public int? AgreementId { get; init; }

    /// <summary>ConnectWise <c>status</c> name as configured on the board.</summary>
    public required string Status { get; init; }

    public bool ClosedFlag { get; init; }

    public DateTimeOffset? ClosedDate { get; init; }

    public required DateTimeOffset DateEntered { get; init; }
}
