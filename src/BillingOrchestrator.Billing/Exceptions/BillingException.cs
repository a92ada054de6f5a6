namespace BillingOrchestrator.Billing.Exceptions;

/// <summary>
/// One validation finding turned into a decision to make: routed to a role, dispositioned with a reason, and above the
/// materiality threshold confirmed by a second person. Every decision is appended to <see cref="History"/>; nothing is
/// overwritten.
/// </summary>
public sealed class BillingException
{
    private readonly List<ExceptionDecision> _history = [];

    public required string Id { get; init; }

    /// <summary>The workflow instance (the monthly cycle) whose invoice batch this exception blocks.</summary>
    public required string InstanceId { get; init; }

    public required string RunId { get; init; }

    /// <summary>The finding's position in its validation run: <c>/api/validation-runs/{RunId}/findings</c>.</summary>
    public required int FindingSequence { get; init; }

    public required string CheckId { get; init; }

    public required string Category { get; init; }

    public required string Severity { get; init; }

    public required int CompanyId { get; init; }

    public int? AgreementId { get; init; }

    public string? ServiceLine { get; init; }

    /// <summary>The agreement's accountable owner from the catalog, when it has one.</summary>
    public string? CustomerOwner { get; init; }

    /// <summary>Money at risk in cents, so both databases compare it exactly.</summary>
    public required long AmountCents { get; init; }

    public decimal Amount => AmountCents / 100m;

    public required string Message { get; init; }

    public IReadOnlyList<string> SourceLinks { get; init; } = [];

    /// <summary>The role that owns the disposition; an overdue exception's escalation moves it to the escalation role.</summary>
    public required string RoutedRole { get; init; }

    /// <summary>Which routing rule chose the role (or which escalation moved it), in words.</summary>
    public required string RoutedBy { get; init; }

    /// <summary>When the disposition is due (<c>Exceptions:DueDates</c>, counted from routing); null for exceptions routed before due dates existed.</summary>
    public DateTimeOffset? DueAt { get; init; }

    public ExceptionStatus Status { get; private set; }

    public Disposition? Disposition { get; private set; }

    public string? Reason { get; private set; }

    public string? DecidedBy { get; private set; }

    public DateTimeOffset? DecidedAt { get; private set; }

    public string? ConfirmedBy { get; private set; }

    public DateTimeOffset? ConfirmedAt { get; private set; }

    public DateTimeOffset CreatedAt { get; init; }

    public long Revision { get; private set; }

    public IReadOnlyList<ExceptionDecision> History => _history;

    public bool IsFinal => Status == ExceptionStatus.Closed;

    /// <summary>Past its due date with no disposition yet (a rejected disposition reopens it, and it counts again).</summary>
    public bool IsOverdue(DateTimeOffset now) => Status == ExceptionStatus.Open && DueAt <= now;

    /// <summary>Records a disposition. Above <paramref name="materiality"/> it waits for a second person's confirmation.</summary>
    public ExceptionDecision Decide(Disposition disposition, string reason, string actor, decimal materiality, DateTimeOffset now)
    {
        if (Status == ExceptionStatus.Closed)
        {
            throw new ExceptionStateException($"Exception {Id} is closed ({Disposition} by {DecidedBy}); its disposition is final.");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A disposition needs a reason.", nameof(reason));
        }

        Disposition = disposition;
        Reason = reason.Trim();
        DecidedBy = actor;
        DecidedAt = now;
        ConfirmedBy = null;
        ConfirmedAt = null;
        Status = Amount > materiality ? ExceptionStatus.AwaitingConfirmation : ExceptionStatus.Closed;
        return Append(ExceptionDecisionKind.Disposition, disposition, Reason, actor, now);
    }

    /// <summary>The second person confirms (or rejects, reopening it) a material disposition.</summary>
    public ExceptionDecision Confirm(bool accept, string? comment, string actor, DateTimeOffset now)
    {
        if (Status != ExceptionStatus.AwaitingConfirmation)
        {
            throw new ExceptionStateException($"Exception {Id} is {Status}; only a disposition awaiting confirmation can be confirmed.");
        }

        if (SamePerson(actor, DecidedBy))
        {
            throw new ExceptionStateException($"Two-person rule: you dispositioned exception {Id}, so a different approver must confirm it.");
        }

        if (accept)
        {
            ConfirmedBy = actor;
            ConfirmedAt = now;
            Status = ExceptionStatus.Closed;
            return Append(ExceptionDecisionKind.Confirmation, Disposition, comment, actor, now);
        }

        Status = ExceptionStatus.Open;
        return Append(ExceptionDecisionKind.Rejection, Disposition, comment, actor, now);
    }

    /// <summary>The two-person rule's comparison: user names compare without case.</summary>
    public static bool SamePerson(string actor, string? other) => string.Equals(actor, other, StringComparison.OrdinalIgnoreCase);

    private ExceptionDecision Append(ExceptionDecisionKind kind, Disposition? disposition, string? reason, string actor, DateTimeOffset now)
    {
        Revision++;
        var decision = new ExceptionDecision
        {
            Id = Guid.CreateVersion7().ToString("N"),
            ExceptionId = Id,
            Sequence = _history.Count + 1,
            Kind = kind,
            Disposition = disposition,
            Reason = reason,
            Actor = actor,
            At = now,
        };
        _history.Add(decision);
        return decision;
    }
}

/// <summary>A transition the exception's state does not allow (HTTP 409 at the API).</summary>
public sealed class ExceptionStateException(string message) : Exception(message);
