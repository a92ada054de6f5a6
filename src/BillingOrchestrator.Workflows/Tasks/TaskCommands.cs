using System.Text.Json.Nodes;

namespace BillingOrchestrator.Workflows.Tasks;

/// <summary>Every task mutation names the revision it was decided on and an operation id that makes a resend harmless.</summary>
public abstract record TaskCommand(long ExpectedRevision, string OperationId);

public sealed record ClaimTask(long ExpectedRevision, string OperationId) : TaskCommand(ExpectedRevision, OperationId);

public sealed record ReleaseTask(long ExpectedRevision, string OperationId) : TaskCommand(ExpectedRevision, OperationId);

public sealed record AssignTask(long ExpectedRevision, string OperationId, string Assignee) : TaskCommand(ExpectedRevision, OperationId);

public sealed record CompleteTask(long ExpectedRevision, string OperationId, string Outcome, JsonObject? Data, string? Comment) : TaskCommand(ExpectedRevision, OperationId);
