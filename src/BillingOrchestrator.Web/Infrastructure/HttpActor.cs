using System.Security.Claims;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Workflows.Runtime;

namespace BillingOrchestrator.Web.Infrastructure;

public static class HttpActor
{
    /// <summary>The signed-in person as the engine sees them: their email and their product roles.</summary>
    public static WorkflowActor ToActor(this ClaimsPrincipal user) =>
        new(user.Identity?.Name ?? throw new InvalidOperationException("An authenticated user has no name."), Roles.All.Where(user.IsInRole).ToHashSet(StringComparer.Ordinal));
}
