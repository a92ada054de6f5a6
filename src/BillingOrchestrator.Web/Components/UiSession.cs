using System.Security.Claims;
using BillingOrchestrator.Web.Auth;
using BillingOrchestrator.Web.Infrastructure;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingOrchestrator.Web.Components;

/// <summary>
/// The signed-in person inside a circuit: who they are as the engine sees them, and whether a policy lets them act.
/// Pages check the same policies the REST endpoints require before sending a command, and that the session is still
/// current: a tab left open after signing out elsewhere must not act on the identity it started with.
/// </summary>
public sealed class UiSession(AuthenticationStateProvider authentication, IAuthorizationService authorization, SessionValidator sessions)
{
    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<WorkflowActor> ActorAsync() => (await UserAsync()).ToActor();

    public async Task<bool> AllowedAsync(string policy) => (await authorization.AuthorizeAsync(await UserAsync(), policy)).Succeeded;

    /// <summary>
    /// Throws the engine's "not allowed" when the policy refuses or the session has ended (read fresh from the
    /// database, not from the circuit's periodic check), so pages report it like any other refusal.
    /// </summary>
    public async Task<WorkflowActor> RequireAsync(string policy)
    {
        var user = await UserAsync();
        if (!(await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            throw new WorkflowForbiddenException("Your roles do not allow this action.");
        }

        if (!await sessions.IsCurrentAsync(user, fresh: true, CancellationToken.None))
        {
            throw new WorkflowForbiddenException("Your session has ended (signed out, locked out, or your password or roles changed): sign in again.");
        }

        return user.ToActor();
    }
}
