using System.Text.Json.Serialization;

namespace BillingOrchestrator.Billing.Rollout;

/// <summary>
/// A reviewer's verdict on one finding of the rollout's week-2 pilot run: a true positive (real leakage) or a false
/// positive (the check was wrong), with the reason. One label per finding; relabelling replaces it (the audit log keeps
/// every change).
/// </summary>
public sealed class PilotLabel
{
    public required string Id { get; init; }

    /// <summary>The rollout instance whose pilot this finding belongs to.</summary>
    public required string InstanceId { get; init; }

    public required string RunId { get; init; }

    /// <summary>The finding's position in its run: <c>/api/validation-runs/{RunId}/findings</c>.</summary>
    public required int FindingSequence { get; init; }

    public required string CheckId { get; init; }

    public required string Category { get; init; }

    public required long AmountCents { get; init; }

    public PilotVerdict Verdict { get; private set; }

    public string Reason { get; private set; } = "";

    public string Reviewer { get; private set; } = "";

    public DateTimeOffset LabelledAt { get; private set; }

    public int Revision { get; private set; }

    public void Label(PilotVerdict verdict, string reason, string reviewer, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("A label needs a reason.", nameof(reason));
        }

        Verdict = verdict;
        Reason = reason.Trim();
        Reviewer = reviewer;
        LabelledAt = now;
        Revision++;
    }
}

[JsonConverter(typeof(JsonStringEnumConverter<PilotVerdict>))]
public enum PilotVerdict
{
    [JsonStringEnumMemberName("true-positive")]
    TruePositive,

    [JsonStringEnumMemberName("false-positive")]
    FalsePositive,
}
