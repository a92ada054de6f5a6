using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Persistence;

using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BillingOrchestrator.Testing.Operations;

/// <summary>
/// The real product over a database the test owns, so one test can stop a host and start another on the same data.
/// Fast retry, scan and poll intervals; optional shiftable clock; every log line recorded.
/// </summary>
public sealed class OperationsHost(TestDatabase database, string workflowsDirectory, IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    : WebApplicationFactory<Program>
{
    public const string Finance = "finance@demo.local";
    public const string Service = "service@demo.local";
    public const string Admin = "admin@demo.local";

    private static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48));

    public RecordingLoggerProvider Logs { get; } = new();

    public string NodeId { get; init; } = "ops-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A directory holding the given definition files, as the product loads them at start.</summary>
    public static string WriteWorkflows(params (string Id, string Json)[] definitions)
    {
        var directory = Directory.CreateTempSubdirectory("bo-ops-workflows-").FullName;
        foreach (var (id, json) in definitions)
        {
            File.WriteAllText(Path.Combine(directory, id + ".json"), json);
        }

        return directory;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        var all = new Dictionary<string, string?>(database.Settings())
        {
            ["Demo:Enabled"] = "true",
            ["Demo:Password"] = ProductHost.DemoPassword,
            ["Demo:LoadData"] = "false",
            ["Workflows:Directory"] = workflowsDirectory,
            ["Workflows:NodeId"] = NodeId,
            ["Workflows:SweepInterval"] = "00:00:00.100",
            ["Workflows:Workers"] = "4",
            ["Auth:JwtSigningKey"] = SigningKey,
            ["Notifications:PollInterval"] = "00:00:00.100",
            ["Notifications:RetryDelay"] = "00:00:00.200",
            ["Notifications:MaxRetryDelay"] = "00:00:00.500",
            ["Notifications:SendTimeout"] = "00:00:05",
            ["Escalation:ScanInterval"] = "00:00:00.100",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        foreach (var (key, value) in all)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs).SetMinimumLevel(LogLevel.Trace));
        builder.ConfigureTestServices(services =>
        {
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
        });
    }

    public async Task<HttpClient> ClientForAsync(string email)
    {
        using var anonymous = CreateClient();
        var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { email, password = ProductHost.DemoPassword });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>();
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<BillingDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BillingDbContext>());
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }
}
