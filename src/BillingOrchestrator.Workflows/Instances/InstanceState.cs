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

    /// <summary>
    /// A copy for the next revision: variables deep-cloned (an activity may change a JSON value in place), the rest copied
    /// shallowly (work items, bookmarks and progress records are immutable).
    /// </summary>
    public InstanceState Clone()
    {
        var variables = new Dictionary<string, JsonNode?>(Variables.Count, StringComparer.Ordinal);
        foreach (var (name, value) in Variables)
        {
            variables[name] = value?.DeepClone();
        }

        var joinArrivals = new Dictionary<string, List<string>>(JoinArrivals.Count, StringComparer.Ordinal);
        foreach (var (join, arrived) in JoinArrivals)
        {
            joinArrivals[join] = [.. arrived];
        }

        return new InstanceState
        {
            Variables = variables,
            Scheduled = [.. Scheduled],
            Faulted = [.. Faulted],
            JoinArrivals = joinArrivals,
            Bookmarks = new Dictionary<string, BookmarkRef>(Bookmarks, StringComparer.Ordinal),
            Activities = new Dictionary<string, ActivityProgress>(Activities, StringComparer.Ordinal),
        };
    }

    /// <summary>True when something can execute at <paramref name="now"/>: a scheduled item or a due timer.</summary>
    public bool HasRunnableWork(DateTimeOffset now) => FirstRunnable(now) is not null || FirstDueTimer(now) is not null;

    /// <summary>The first scheduled item that may run at <paramref name="now"/>, if any.</summary>
    public WorkItem? FirstRunnable(DateTimeOffset now)
    {
        foreach (var item in Scheduled)
        {
            if (item.NotBefore is null || item.NotBefore <= now)
            {
                return item;
            }
        }

        return null;
    }

    /// <summary>The id of the first timer bookmark due at <paramref name="now"/>, if any.</summary>
    public string? FirstDueTimer(DateTimeOffset now)
    {
        foreach (var (id, bookmark) in Bookmarks)
        {
            if (bookmark.ResumeAt <= now)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>The earliest future moment a delayed retry or a timer becomes runnable.</summary>
    public DateTimeOffset? NextWakeAt()
    {
        DateTimeOffset? earliest = null;
        foreach (var item in Scheduled)
        {
            if (item.NotBefore is { } at && (earliest is null || at < earliest))
            {
                earliest = at;
            }
        }

        foreach (var bookmark in Bookmarks.Values)
        {
            if (bookmark.ResumeAt is { } at && (earliest is null || at < earliest))
            {
                earliest = at;
            }
        }

        return earliest;
    }
}

/// <summary>One scheduled execution of an activity. <see cref="Id"/> is stable across crashes and retries of the same execution.</summary>
public sealed record WorkItem(string Id, string ActivityId, int Attempt, DateTimeOffset? NotBefore)
{
    public static WorkItem For(string activityId) => new(Guid.CreateVersion7().ToString("N"), activityId, 1, null);
}

public sealed record BookmarkRef(string ActivityId, string WorkItemId, string Name, DateTimeOffset? ResumeAt);

public sealed record ActivityProgress(int Completions, string? LastOutcome, DateTimeOffset? LastCompletedAt);
