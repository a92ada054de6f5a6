namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>The request was well-formed but the current state refuses it (a stale revision, a closed task, an open gate). HTTP 409.</summary>
public sealed class WorkflowConflictException(string message, IReadOnlyDictionary<string, object?>? details = null) : Exception(message)
{
    /// <summary>Extra members of the problem body, e.g. the ids of the exceptions that block an invoice batch.</summary>
    public IReadOnlyDictionary<string, object?> Details { get; } = details ?? new Dictionary<string, object?>();
}

/// <summary>The thing named does not exist (or is not visible to the caller). HTTP 404.</summary>
public sealed class WorkflowNotFoundException(string message) : Exception(message);

/// <summary>The caller may not do this to this task or instance. HTTP 403.</summary>
public sealed class WorkflowForbiddenException(string message) : Exception(message);

/// <summary>Input refused, with every offending field and its reason. HTTP 400.</summary>
public sealed class WorkflowValidationException(IReadOnlyList<(string Field, string Reason)> problems)
    : Exception(string.Join("; ", problems.Select(p => $"{p.Field}: {p.Reason}")))
{
    public WorkflowValidationException(string field, string reason)
        : this([(field, reason)])
    {
    }

    public IReadOnlyList<(string Field, string Reason)> Problems { get; } = problems;
}
