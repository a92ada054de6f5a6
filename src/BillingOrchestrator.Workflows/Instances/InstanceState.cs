using System.Text.Json.Nodes;

namespace BillingOrchestrator.Workflows.Instances;

/// <summary>Everything the runtime needs to continue an instance, persisted as one JSON document per commit.</summary>
public sealed class InstanceState
{
    public Dictionary<string, JsonNode?> Variables { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Activities waiting to execute, in order.</summary>
    public List<WorkItem> Scheduled { get; set; } = [];

    /// <summary>Work items that exhausted their retries; an admin retry puts them back on <see cref="Scheduled"/>.</summary>
    public List<WorkItem> Faulted { get; set; } = [];

    /// <summary>For each Join, the incoming activities that have arrived so far.</summary>
    public Dictionary<string, List<string>> JoinArrivals { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The bookmarks this instance is waiting on, by bookmark id.</summary>
    public Dictionary<string, BookmarkRef> Bookmarks { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per activity: how often it completed and its last outcome. Migration uses this to never re-run finished work.</summary>
    public Dictionary<string, ActivityProgress> Activities { get; set; } = new(StringComparer.Ordinal);

    public InstanceState Clone() => new()
    {
        Variables = Variables.ToDictionary(kv => kv.Key, kv => kv.Value?.DeepClone(), StringComparer.Ordinal),
        Scheduled = [.. Scheduled],
        Faulted = [.. Faulted],
        JoinArrivals = JoinArrivals.ToDictionary(kv => kv.Key, kv => kv.Value.ToList(), StringComparer.Ordinal),
        Bookmarks = Bookmarks.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
        Activities = Activities.ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal),
    };

    /// <summary>True when something can execute at <paramref name="now"/>: a scheduled item or a due timer.</summary>
    public bool HasRunnableWork(DateTimeOffset now) =>
        Scheduled.Any(w => w.NotBefore is null || w.NotBefore <= now) || Bookmarks.Values.Any(b => b.ResumeAt <= now);

    /// <summary>The earliest future moment a delayed retry or a timer becomes runnable.</summary>
    public DateTimeOffset? NextWakeAt() =>
        Scheduled.Select(w => w.NotBefore).Concat(Bookmarks.Values.Select(b => b.ResumeAt)).Where(t => t is not null).Min();
}

/// <summary>One scheduled execution of an activity. <see cref="Id"/> is stable across crashes and retries of the same execution.</summary>
public sealed record WorkItem(string Id, string ActivityId, int Attempt, DateTimeOffset? NotBefore)
{
    public static WorkItem For(string activityId) => new(Guid.CreateVersion7().ToString("N"), activityId, 1, null);
}

public sealed record BookmarkRef(string ActivityId, string WorkItemId, string Name, DateTimeOffset? ResumeAt);

public sealed record ActivityProgress(int Completions, string? LastOutcome, DateTimeOffset? LastCompletedAt);
