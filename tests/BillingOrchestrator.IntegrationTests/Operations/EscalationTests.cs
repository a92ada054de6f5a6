using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Persistence.Operations;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Operations;
using BillingOrchestrator.Web.Escalation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.IntegrationTests.Operations;

/// <summary>
/// Overdue tasks and gates escalate along their role's path: first their owners are told, then after the grace period
/// the item moves to the escalation role. Each level happens once, however many scanners run; every escalation is
/// recorded, audited and announced. The clock is moved, not waited for.
/// </summary>
public sealed class EscalationTests
{
    // Index 0 of the shipped Escalation:Paths is ServiceManager -> FinanceLead; a shorter grace keeps the shift small.
    private static readonly Dictionary<string, string?> TwoHourGrace = new() { ["Escalation:Paths:0:ReassignAfter"] = "PT2H" };

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task OverdueTask_OwnersNotifiedThenReassignedToEscalationRole_EachLevelOnce(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var smtp = new LoopbackSmtpServer();
        await smtp.StartAsync();
        var clock = new ShiftableClock();
        var settings = new Dictionary<string, string?>(NotificationDeliveryTests.Channels(smtp, null).Concat(TwoHourGrace));
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory(), settings, clock);
        var finance = await host.ClientForAsync(OperationsHost.Finance);
        var service = await host.ClientForAsync(OperationsHost.Service);
        var admin = await host.ClientForAsync(OperationsHost.Admin);
        var instance = await finance.StartAsync(OperationsWorkflows.NotifyThenTasks);
        var task = await service.WaitForTaskAsync(instance.Id(), "check");

        await Task.Delay(400);
        (await EscalationsAsync(finance, task.Id())).Count.ShouldBe(0);

        clock.Advance(TimeSpan.FromMinutes(61));
        var notified = await Eventually.ReturnsAsync(() => EscalationsAsync(finance, task.Id()), list => list.Count == 1, "the overdue notice");
        notified[0]!["level"]!.GetValue<int>().ShouldBe(1);
        notified[0]!["action"]!.GetValue<string>().ShouldBe("notify");
        (await service.GetFromJsonAsync<JsonObject>($"/api/tasks/{task.Id()}"))!["role"]!.GetValue<string>().ShouldBe("ServiceManager");
        await Eventually.ReturnsAsync(() => Task.FromResult(Mails(smtp, "Overdue: Check the exceptions")), m => m.Count == 1, "the overdue email");
        Mails(smtp, "Overdue: Check the exceptions").ShouldBe(["service@demo.local"]);

        clock.Advance(TimeSpan.FromHours(2));
        await Eventually.ReturnsAsync(() => EscalationsAsync(finance, task.Id()), list => list.Count == 2, "the reassignment");
        var moved = (await finance.GetFromJsonAsync<JsonObject>($"/api/tasks/{task.Id()}"))!;
        moved["role"]!.GetValue<string>().ShouldBe("FinanceLead");
        moved["status"]!.GetValue<string>().ShouldBe("Available");
        moved["revision"]!.GetValue<long>().ShouldBe(task["revision"]!.GetValue<long>() + 1);
        await Eventually.ReturnsAsync(() => Task.FromResult(Mails(smtp, "Escalated to FinanceLead: Check the exceptions")), m => m.Count == 2, "the escalation emails");

        await Task.Delay(500);
        (await EscalationsAsync(finance, task.Id())).Select(e => e!["level"]!.GetValue<int>()).Order().ShouldBe([1, 2]);
        Mails(smtp, "Overdue: Check the exceptions").Count.ShouldBe(1);
        Mails(smtp, "Escalated to FinanceLead: Check the exceptions").Order().ShouldBe(["finance@demo.local", "service@demo.local"]);
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?take=200"))!;
        audit.Where(e => e!["subject"]?.GetValue<string>() == $"task:{task.Id()}").Select(e => e!["action"]!.GetValue<string>())
            .ShouldBe(["escalations.notify", "escalations.reassign"]);
        (await finance.JournalAsync(instance.Id())).Select(e => e!["event"]!.GetValue<string>()).ShouldContain("TaskEscalated");
        (await finance.CompleteAsync(moved, "Done")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task FourScannersAtOnce_EscalateEachLevelOnce(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var clock = new ShiftableClock();
        var settings = new Dictionary<string, string?>(TwoHourGrace) { ["Escalation:RunScanner"] = "false", ["Notifications:RunWorker"] = "false", ["Notifications:Smtp:Host"] = "127.0.0.1" };
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory(), settings, clock);
        var service = await host.ClientForAsync(OperationsHost.Service);
        var finance = await host.ClientForAsync(OperationsHost.Finance);
        var instance = await service.StartAsync(OperationsWorkflows.NotifyThenTasks);
        var task = await service.WaitForTaskAsync(instance.Id(), "check");

        clock.Advance(TimeSpan.FromMinutes(61));
        (await ScanConcurrentlyAsync(host, 4)).ShouldBe(1);
        clock.Advance(TimeSpan.FromHours(2));
        (await ScanConcurrentlyAsync(host, 4)).ShouldBe(1);
        (await ScanConcurrentlyAsync(host, 4)).ShouldBe(0);

        var rows = await host.WithDbAsync(db => db.Set<EscalationRow>().Where(e => e.ItemId == task.Id()).OrderBy(e => e.Level).ToListAsync());
        rows.Select(r => r.Level).ShouldBe([1, 2]);
        var queued = await host.WithDbAsync(db => db.Set<NotificationRow>().Where(n => n.TaskId == task.Id() && n.Key.StartsWith("escalation:")).Select(n => n.Key).ToListAsync());
        queued.Order().ShouldBe([$"escalation:task:{task.Id()}:1:Email:service@demo.local", $"escalation:task:{task.Id()}:2:Email:finance@demo.local", $"escalation:task:{task.Id()}:2:Email:service@demo.local"]);
        // Reassigned to the escalation role, the task is the finance lead's to read now (reads by id follow the list).
        (await finance.GetFromJsonAsync<JsonObject>($"/api/tasks/{task.Id()}"))!["revision"]!.GetValue<long>().ShouldBe(task["revision"]!.GetValue<long>() + 1);
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task EscalationPaths_SeededFromConfiguration_ReplacedByFinanceLead_RefusedForOthersAndWhenInvalid(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory());
        var finance = await host.ClientForAsync(OperationsHost.Finance);
        var service = await host.ClientForAsync(OperationsHost.Service);
        var admin = await host.ClientForAsync(OperationsHost.Admin);

        var seeded = await Eventually.ReturnsAsync(() => PathsAsync(service), p => p.Count == 3, "the configured paths");
        seeded.Select(p => $"{p!["role"]}>{p["escalationRole"]}:{p["reassignAfter"]}").ShouldBe(["FinanceLead>Admin:P1D", "PsaAdmin>Admin:P1D", "ServiceManager>FinanceLead:P1D"]);

        var body = new { paths = new[] { new { role = "ServiceManager", escalationRole = "Admin", notifyAfter = "PT30M", reassignAfter = "PT4H" } } };
        (await service.PutAsJsonAsync("/api/escalation-paths", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await finance.PutAsJsonAsync("/api/escalation-paths", new
        {
            paths = new object[]
            {
                new { role = "ServiceManager", escalationRole = "Admin", reassignAfter = "soon" },
                new { role = "PsaAdmin", escalationRole = "Nobody", reassignAfter = "P1D" },
                new { role = "FinanceLead", escalationRole = "Admin", reassignAfter = "P99999999D" },
            },
        });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).Order().ShouldBe(["paths[0].reassignAfter", "paths[1].escalationRole", "paths[2].reassignAfter"]);
        (await PathsAsync(service)).Count.ShouldBe(3);

        var put = await finance.PutAsJsonAsync("/api/escalation-paths", body);
        put.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stored = await PathsAsync(service);
        stored.Count.ShouldBe(1);
        stored[0]!["escalationRole"]!.GetValue<string>().ShouldBe("Admin");
        stored[0]!["notifyAfter"]!.GetValue<string>().ShouldBe("PT30M");
        stored[0]!["reassignAfter"]!.GetValue<string>().ShouldBe("PT4H");
        stored[0]!["updatedBy"]!.GetValue<string>().ShouldBe(OperationsHost.Finance);
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?take=200"))!;
        audit.Count(e => e!["action"]!.GetValue<string>() == "escalation-paths.set" && e["actor"]!.GetValue<string>() == OperationsHost.Finance).ShouldBe(1);
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task PreFlightWorkflow_StoresTheDocumentedPaths_ThroughTheSetPathsAction(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory());
        var finance = await host.ClientForAsync(OperationsHost.Finance);
        var admin = await host.ClientForAsync(OperationsHost.Admin);
        var instance = await finance.StartAsync(OperationsWorkflows.PreFlight);
        var document = await finance.WaitForTaskAsync(instance.Id(), "document");

        var paths = new[]
        {
            new { role = "ServiceManager", escalationRole = "FinanceLead", notifyAfter = "PT0S", reassignAfter = "PT8H" },
            new { role = "FinanceLead", escalationRole = "Admin", notifyAfter = "PT1H", reassignAfter = "P2D" },
        };
        (await finance.CompleteAsync(document, "Done", new { escalationPaths = paths })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await finance.WaitForSubStatusAsync(instance.Id(), "Finished");

        var stored = await PathsAsync(finance);
        stored.Select(p => $"{p!["role"]}>{p["escalationRole"]}:{p["notifyAfter"]}:{p["reassignAfter"]}").ShouldBe(["FinanceLead>Admin:PT1H:P2D", "ServiceManager>FinanceLead:PT0S:PT8H"]);
        stored.ShouldAllBe(p => p!["updatedBy"]!.GetValue<string>() == $"workflow:{instance.Id()}");
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?take=200"))!;
        audit.ShouldContain(e => e!["action"]!.GetValue<string>() == "escalation-paths.set" && e["actor"]!.GetValue<string>() == $"workflow:{instance.Id()}");
    }

    /// <summary>Runs <paramref name="scanners"/> escalation scans at once, as that many hosts would; the number of escalations they made.</summary>
    internal static async Task<int> ScanConcurrentlyAsync(OperationsHost host, int scanners)
    {
        var scans = Enumerable.Range(0, scanners).Select(_ => Task.Run(() => host.WithScopeAsync(sp => sp.GetRequiredService<EscalationScanner>().ScanAsync(CancellationToken.None))));
        return (await Task.WhenAll(scans)).Sum();
    }

    private static List<string> Mails(LoopbackSmtpServer smtp, string subject) =>
        [.. smtp.Received.Where(m => m.Subject == subject).Select(m => m.To.Mailboxes.Single().Address).Order()];

    private static async Task<List<JsonNode?>> EscalationsAsync(HttpClient client, string itemId) =>
        [.. (await client.GetFromJsonAsync<JsonObject>($"/api/escalations?itemId={itemId}"))!["items"]!.AsArray()];

    private static async Task<List<JsonNode?>> PathsAsync(HttpClient client) =>
        [.. (await client.GetFromJsonAsync<JsonArray>("/api/escalation-paths"))!];
}
