namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>Who is acting: recorded in the journal, and checked against a task's role and assignee.</summary>
public sealed record WorkflowActor(string Name, IReadOnlySet<string> Roles)
{
    public const string AdminRole = "Admin";

    public static WorkflowActor System { get; } = new("system", new HashSet<string> { AdminRole });

    public bool IsAdmin => Roles.Contains(AdminRole);

    public bool InRole(string? role) => role is not null && Roles.Contains(role);
}
