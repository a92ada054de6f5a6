namespace BillingOrchestrator.Workflows.Tasks;

/// <summary>
/// The people a task may be assigned to. The engine knows no user store: the host implements this over its own
/// (ASP.NET Identity in the product). Assignment asks it for every assignee, and a user interface offers only the
/// people <see cref="EligibleAsync"/> returns, so both follow one rule.
/// </summary>
public interface ITaskAssigneeDirectory
{
    /// <summary>
    /// The user <paramref name="assignee"/> names, spelled as they sign in, when they may be given a task for
    /// <paramref name="role"/>; otherwise why not (no such user, locked out, not in the role). A task without a role may
    /// go to any active user who works on tasks.
    /// </summary>
    Task<AssigneeCheck> CheckAsync(string assignee, string? role, CancellationToken cancellationToken);

    /// <summary>Everyone a task for <paramref name="role"/> may be assigned to, by name.</summary>
    Task<IReadOnlyList<string>> EligibleAsync(string? role, CancellationToken cancellationToken);
}

/// <summary>Either the user name to assign (<see cref="UserName"/>) or the reason the assignee is refused.</summary>
public sealed record AssigneeCheck(string? UserName, string? Refusal)
{
    public static AssigneeCheck Eligible(string userName) => new(userName, null);

    public static AssigneeCheck Refused(string reason) => new(null, reason);
}

/// <summary>Without a directory from the host nobody can be checked, so every assignment is refused.</summary>
internal sealed class NoAssigneeDirectory : ITaskAssigneeDirectory
{
    public Task<AssigneeCheck> CheckAsync(string assignee, string? role, CancellationToken cancellationToken) =>
        Task.FromResult(AssigneeCheck.Refused("tasks cannot be assigned: the host has no assignee directory"));

    public Task<IReadOnlyList<string>> EligibleAsync(string? role, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>([]);
}
