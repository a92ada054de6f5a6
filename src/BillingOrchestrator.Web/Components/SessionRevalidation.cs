using BillingOrchestrator.Web.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Components;

/// <summary>
/// An open tab's circuit outlives the cookie it started with. Every <see cref="AuthOptions.SessionCheckInterval"/> the
/// circuit's user is checked against the database (security stamp, lockout); once the session has ended elsewhere
/// (signed out in another tab, locked out, password or roles changed) the tab becomes anonymous and goes to sign-in.
/// </summary>
internal sealed class SessionRevalidation(ILoggerFactory loggerFactory, SessionValidator sessions, IOptions<AuthOptions> options)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => options.Value.SessionCheckInterval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        sessions.IsCurrentAsync(authenticationState.User, fresh: false, cancellationToken);
}
