using System.Text.Json.Serialization;

namespace BillingOrchestrator.Billing.Exceptions;

/// <summary>One entry of an exception's disposition history: who decided what, why, and when.</summary>
public sealed class ExceptionDecision
{
    public required string Id { get; init; }

    public required string ExceptionId { get; init; }

    public required int Sequence { get; init; }

    public required ExceptionDecisionKind Kind { get; init; }

    public Disposition? Disposition { get; init; }

    public string? Reason { get; init; }

    public required string Actor { get; init; }

    public DateTimeOffset At { get; init; }
}

[JsonConverter(typeof(JsonStringEnumConverter<ExceptionDecisionKind>))]
public enum ExceptionDecisionKind
{
    Disposition,
    Confirmation,
    Rejection,
}
