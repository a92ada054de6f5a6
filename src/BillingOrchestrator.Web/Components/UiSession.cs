using System.Security.Claims;
using BillingOrchestrator.Web.Infrastructure;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;

namespace BillingOrchestrator.Web.Components;

/// <summary>
/// The signed-in person inside a circuit: who they are as the engine sees them, and whether a policy lets them act.
/// Pages check the same policies the REST endpoints require before sending a command.
/// </summary>
public sealed class UiSession(AuthenticationStateProvider authentication, IAuthorizationService authorization)
{
    public async Task<ClaimsPrincipal> UserAsync() => (await authentication.GetAuthenticationStateAsync()).User;

    public async Task<WorkflowActor> ActorAsync() => (await UserAsync()).ToActor();

    public async Task<bool> AllowedAsync(string policy) => (await authorization.AuthorizeAsync(await UserAsync(), policy)).Succeeded;

    /// <summary>Throws the engine's "not allowed" when the policy refuses, so pages report it like any other refusal.</summary>
    public async Task<WorkflowActor> RequireAsync(string policy)
    {
        if (!await AllowedAsync(policy))
        {
            throw new WorkflowForbiddenException("Your roles do not allow this action.");
        }

        return await ActorAsync();
    }
}
