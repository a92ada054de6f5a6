using BillingOrchestrator.Billing.Exceptions;

namespace BillingOrchestrator.Web.Exceptions;

/// <summary>An exception as the API shows it: the decision, its finding and source records, and (on GET by id) its history.</summary>
public sealed record ExceptionView(
    string Id,
    string InstanceId,
    string RunId,
    int FindingSequence,
    string FindingLink,
    string CheckId,
    string Category,
    string Severity,
    int CompanyId,
    int? AgreementId,
    string? ServiceLine,
    string? CustomerOwner,
    decimal Amount,
    string Message,
    IReadOnlyList<string> SourceLinks,
    string RoutedRole,
    string RoutedBy,
    DateTimeOffset? DueAt,
    bool Overdue,
    ExceptionStatus Status,
    Disposition? Disposition,
    string? Reason,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? ConfirmedBy,
    DateTimeOffset? ConfirmedAt,
    bool NeedsSecondApprover,
    long Revision,
    IReadOnlyList<DecisionView>? History)
{
    public static ExceptionView From(BillingException e, decimal materiality, DateTimeOffset now, bool withHistory) => new(
        e.Id, e.InstanceId, e.RunId, e.FindingSequence, FindingLinkOf(e), e.CheckId, e.Category, e.Severity, e.CompanyId, e.AgreementId, e.ServiceLine, e.CustomerOwner,
        e.Amount, e.Message, e.SourceLinks, e.RoutedRole, e.RoutedBy, e.DueAt, e.IsOverdue(now), e.Status, e.Disposition, e.Reason, e.DecidedBy, e.DecidedAt, e.ConfirmedBy, e.ConfirmedAt,
        e.Amount > materiality, e.Revision,
        withHistory ? [.. e.History.OrderBy(d => d.Sequence).Select(d => DecisionView.From(d, e))] : null);

    public static string FindingLinkOf(BillingException e) => $"/api/validation-runs/{e.RunId}/findings?companyId={e.CompanyId}#{e.FindingSequence}";
}

/// <summary>One decision, linked to the finding and the source records it was about.</summary>
public sealed record DecisionView(int Sequence, ExceptionDecisionKind Kind, Disposition? Disposition, string? Reason, string Actor, DateTimeOffset At, string FindingLink, IReadOnlyList<string> SourceLinks)
{
    public static DecisionView From(ExceptionDecision d, BillingException e) =>
        new(d.Sequence, d.Kind, d.Disposition, d.Reason, d.Actor, d.At, ExceptionView.FindingLinkOf(e), e.SourceLinks);
}

public sealed record InvoiceBatchView(
    string Id,
    string InstanceId,
    string RunId,
    bool Released,
    string? ReleasedBy,
    DateTimeOffset? ReleasedAt,
    int Exceptions,
    int OpenExceptions,
    int BillableLines,
    decimal BillableAmount,
    int WriteOffs,
    decimal WriteOffAmount,
    string? ExportSha256,
    string? WriteOffSha256)
{
    public static InvoiceBatchView From(InvoiceBatch b, int exceptions, int open) =>
        new(b.Id, b.InstanceId, b.RunId, b.Released, b.ReleasedBy, b.ReleasedAt, exceptions, open, b.BillableLines, b.BillableCents / 100m, b.WriteOffs, b.WriteOffCents / 100m, b.ExportSha256, b.WriteOffSha256);
}
