using BillingOrchestrator.Workflows.Tasks;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Auth;

/// <summary>
/// Who may be given a task, from ASP.NET Identity: an existing user, not locked out, who holds the task's role (a task
/// without a role: any of the product's roles). The API's assign and the task panel's picker both ask this.
/// </summary>
public sealed class IdentityAssigneeDirectory(UserManager<IdentityUser> users) : ITaskAssigneeDirectory
{
    public async Task<AssigneeCheck> CheckAsync(string assignee, string? role, CancellationToken cancellationToken)
    {
        if (await users.FindByNameAsync(assignee) is not { } user)
        {
            return AssigneeCheck.Refused($"no such user '{assignee}': a task can only be assigned to an existing user");
        }

        return await RefusalAsync(user, role) is { } refusal ? AssigneeCheck.Refused(refusal) : AssigneeCheck.Eligible(user.UserName!);
    }

    public async Task<IReadOnlyList<string>> EligibleAsync(string? role, CancellationToken cancellationToken)
    {
        var candidates = role is null ? await users.Users.OrderBy(u => u.UserName).Take(500).ToListAsync(cancellationToken) : await users.GetUsersInRoleAsync(role);
        var eligible = new List<string>();
        foreach (var user in candidates.OrderBy(u => u.UserName, StringComparer.Ordinal))
        {
            if (await RefusalAsync(user, role) is null)
            {
                eligible.Add(user.UserName!);
            }
        }

        return eligible;
    }

    private async Task<string?> RefusalAsync(IdentityUser user, string? role)
    {
        if (await users.IsLockedOutAsync(user))
        {
            return $"'{user.UserName}' is locked out: a task can only be assigned to an active user";
        }

        var roles = await users.GetRolesAsync(user);
        if (role is null ? !roles.Any(Roles.Owners.Contains) : !roles.Contains(role))
        {
            return role is null
                ? $"'{user.UserName}' holds none of the roles that work on tasks ({string.Join(", ", Roles.Owners)})"
                : $"'{user.UserName}' does not hold the task's role {role}";
        }

        return null;
    }
}
