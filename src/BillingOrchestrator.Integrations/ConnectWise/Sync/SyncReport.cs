using System.Globalization;
using BillingOrchestrator.Integrations.Import;

namespace BillingOrchestrator.Integrations.ConnectWise.Sync;

/// <summary>
/// The outcome of one <see cref="ConnectWiseSync"/> run. <see cref="Problems"/> are records that could not be mapped
/// (<see cref="ImportProblem.File"/> is the API endpoint and <see cref="ImportProblem.Row"/> the record's ConnectWise
/// id); they were skipped and the others stored. <see cref="Error"/> is the API failure that stopped the run, if any.
/// Neither ever contains credentials.
/// </summary>
public sealed record SyncReport
{
    public required SyncMode Mode { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    public required DateTimeOffset FinishedAt { get; init; }

    public required TimeSpan Duration { get; init; }

    /// <summary>The kinds the run reached, in the order it synced them; the last one is where it stopped when <see cref="Completed"/> is false.</summary>
    public required IReadOnlyList<SyncKindReport> Kinds { get; init; }

    public required IReadOnlyList<ImportProblem> Problems { get; init; }

    /// <summary>Why the run stopped early (for example rejected credentials or a server that kept failing); null when it read everything.</summary>
    public string? Error { get; init; }

    public ConnectWiseErrorKind? ErrorKind { get; init; }

    /// <summary>Every kind was read to the end.</summary>
    public bool Completed => Error is null;

    /// <summary>Every kind was read to the end and every record stored.</summary>
    public bool Succeeded => Completed && Problems.Count == 0;

    public override string ToString()
    {
        var kinds = string.Join(", ", Kinds.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Kind} {k.Upserted}/{k.Read}")));
        var outcome = Succeeded ? "succeeded" : Completed ? $"completed with {Problems.Count} problem(s)" : $"stopped: {Error}";
        return string.Create(CultureInfo.InvariantCulture, $"ConnectWise {Mode} sync {outcome} in {Duration.TotalSeconds:0.0}s (stored/read: {kinds})");
    }
}
