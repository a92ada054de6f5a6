using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Testing.Workflows;
using BillingOrchestrator.Workflows;
using BillingOrchestrator.Workflows.Instances;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Testing;

/// <summary>
/// The real product (Program) over a fresh real database, with demo users, the test workflows and test actions.
/// One per test class; clients sign in through the real token endpoint.
/// </summary>
public class ProductHost(TestDatabaseKind kind) : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string DemoPassword = "Test-Pa55word!";

    private readonly Dictionary<string, (string Token, DateTimeOffset RenewAfter)> _tokens = new(StringComparer.Ordinal);
    private TestDatabase? _database;
    private string? _workflows;

    public TestDatabaseKind Kind => kind;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("Not initialized.");

    public string WorkflowsDirectory => _workflows ?? throw new InvalidOperationException("Not initialized.");

    public SwitchAction Switch { get; } = new();

    /// <summary>The database this host runs on: a fresh one unless a subclass brings its own.</summary>
    protected virtual Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(kind);

    /// <summary>The host's <c>Workflows:NodeId</c>; a restarted host keeps it and so takes back its own leases.</summary>
    public virtual string NodeId { get; } = "test-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Load the demo MSP's PSA data (about 85,000 records) at start; off unless a test class needs it.</summary>
    protected virtual bool LoadDemoData => false;

    /// <summary>Also load the product's own definitions from <c>workflows/</c> (the playbook), beside the test ones.</summary>
    protected virtual bool LoadProductWorkflows => false;

    /// <summary>Serve on a real Kestrel listener on a loopback port (for a real browser) instead of the in-memory TestServer.</summary>
    protected virtual bool RealServer => false;

    /// <summary>The address of the real listener when <see cref="RealServer"/> is on.</summary>
    public Uri? ServerAddress { get; private set; }

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    public async Task InitializeAsync()
    {
        _database = await CreateDatabaseAsync();
        _workflows = TestWorkflows.WriteToTempDirectory(LoadProductWorkflows);
        AddWorkflows(_workflows);
        if (RealServer)
        {
            UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
            StartServer();
            var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>();
            ServerAddress = new Uri(addresses!.Addresses.First());
        }
        else
        {
            _ = Server;
        }
    }

    /// <summary>Place further definition files in the host's workflows folder before it starts.</summary>
    protected virtual void AddWorkflows(string directory)
    {
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // What users run (scripts/start.sh, a published host); WebApplicationFactory would pick Development.
        builder.UseEnvironment(Microsoft.Extensions.Hosting.Environments.Production);
        foreach (var (key, value) in Database.Settings())
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Demo:Enabled", "true");
        builder.UseSetting("Demo:Password", DemoPassword);
        builder.UseSetting("Demo:LoadData", LoadDemoData ? "true" : "false");
        builder.UseSetting("Workflows:Directory", WorkflowsDirectory);
        builder.UseSetting("Workflows:NodeId", NodeId);
        builder.UseSetting("Workflows:SweepInterval", "00:00:00.100");
        builder.UseSetting("Workflows:Workers", "8");
        builder.UseSetting("Evidence:MaxFileBytes", "200000");
        builder.UseSetting("Validation:StaleAfterDays", "30");
        builder.UseSetting("Auth:JwtSigningKey", Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(48)));
        builder.ConfigureTestServices(services =>
        {
            services.AddWorkflowAction<CountingAction>();
            services.AddWorkflowAction<FlakyAction>();
            services.AddSingleton(Switch);
            services.AddSingleton<BillingOrchestrator.Workflows.Actions.IWorkflowAction>(sp => sp.GetRequiredService<SwitchAction>());
        });
    }

    /// <summary>
    /// An HTTP client signed in as <paramref name="email"/> with a bearer token from POST /api/auth/token. Tokens are
    /// short-lived (<c>Auth:TokenLifetime</c>): one is reused until half its lifetime has passed, so a client a test
    /// takes stays valid for the rest of that test however long its class runs.
    /// </summary>
    public async Task<HttpClient> ClientForAsync(string email)
    {
        if (!_tokens.TryGetValue(email, out var cached) || DateTimeOffset.UtcNow > cached.RenewAfter)
        {
            using var anonymous = CreateClient();
            var response = await anonymous.PostAsJsonAsync("/api/auth/token", new { email, password = DemoPassword });
            response.EnsureSuccessStatusCode();
            var issued = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            cached = (issued["accessToken"]!.GetValue<string>(), DateTimeOffset.UtcNow.AddSeconds(issued["expiresIn"]!.GetValue<int>() / 2.0));
            _tokens[email] = cached;
        }

        var token = cached.Token;

        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<BillingDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<BillingDbContext>());
    }

    public Task<int> CountEffectsAsync(string instanceId, string kind = CountingAction.EffectKind) =>
        WithDbAsync(db => db.Set<WorkflowEffect>().CountAsync(e => e.InstanceId == instanceId && e.Kind == kind));
}

public sealed class SqliteProductHost() : ProductHost(TestDatabaseKind.Sqlite);

public sealed class PostgresProductHost() : ProductHost(TestDatabaseKind.Postgres);

/// <summary>The product on a SQLite data directory that already exists (a restored backup, say); deleted afterwards.</summary>
public sealed class ExistingSqliteProductHost(string dataDirectory) : ProductHost(TestDatabaseKind.Sqlite)
{
    protected override Task<TestDatabase> CreateDatabaseAsync() => Task.FromResult(TestDatabase.ForSqliteDirectory(dataDirectory));
}

public sealed class SqliteDemoProductHost() : ProductHost(TestDatabaseKind.Sqlite)
{
    protected override bool LoadDemoData => true;
}

public sealed class PostgresDemoProductHost() : ProductHost(TestDatabaseKind.Postgres)
{
    protected override bool LoadDemoData => true;
}

/// <summary>The demo MSP and the product's playbook definitions: what a monthly cycle runs on.</summary>
public class PlaybookProductHost(TestDatabaseKind kind) : ProductHost(kind)
{
    protected override bool LoadDemoData => true;

    protected override bool LoadProductWorkflows => true;
}

/// <summary>The same product started again over <paramref name="previous"/>'s database, data directory, definitions and node id: a restart.</summary>
public sealed class RestartedProductHost(ProductHost previous) : ProductHost(previous.Kind)
{
    public override string NodeId => previous.NodeId;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in previous.Database.Settings())
        {
            builder.UseSetting(key, value);
        }

        builder.UseSetting("Workflows:Directory", previous.WorkflowsDirectory);
    }
}

/// <summary>The product's own definitions without the demo data: enough to load and inspect them.</summary>
public sealed class SqliteProductWorkflowsHost() : ProductHost(TestDatabaseKind.Sqlite)
{
    protected override bool LoadProductWorkflows => true;
}

public sealed class SqlitePlaybookProductHost() : PlaybookProductHost(TestDatabaseKind.Sqlite);

public sealed class PostgresPlaybookProductHost() : PlaybookProductHost(TestDatabaseKind.Postgres);
