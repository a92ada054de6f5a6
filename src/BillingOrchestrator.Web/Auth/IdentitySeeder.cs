using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Web.Auth;

/// <summary>Creates the roles, and the demo users when <c>Demo:Enabled</c> is true (never otherwise).</summary>
internal sealed partial class IdentitySeeder(IServiceScopeFactory scopes, IOptions<DemoOptions> demo, ILogger<IdentitySeeder> logger) : IHostedService
{
    public static readonly IReadOnlyList<(string Email, string Role)> DemoUsers =
    [
        ("finance@demo.local", Roles.FinanceLead),
        ("service@demo.local", Roles.ServiceManager),

        // A second service manager: the playbook's approver role approves the gates of steps service managers own, and the
        // two-person rule needs someone other than the submitter.
        ("service-approver@demo.local", Roles.ServiceManager),
        ("psa-admin@demo.local", Roles.PsaAdmin),
        ("auditor@demo.local", Roles.Auditor),
        ("admin@demo.local", Roles.Admin),
    ];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), role);
            }
        }

        if (!demo.Value.Enabled)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(demo.Value.Password))
        {
            throw new InvalidOperationException("Demo:Enabled is true but Demo:Password is empty: set Demo:Password (see README).");
        }

        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        foreach (var (email, role) in DemoUsers)
        {
            var user = await users.FindByEmailAsync(email);
            if (user is null)
            {
                user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
                Check(await users.CreateAsync(user, demo.Value.Password), email);
                LogCreated(logger, email, role);
            }

            if (!await users.IsInRoleAsync(user, role))
            {
                Check(await users.AddToRoleAsync(user, role), email);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Check(IdentityResult result, string subject)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not create {subject}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo user {Email} created with role {Role}")]
    private static partial void LogCreated(ILogger logger, string email, string role);
}
