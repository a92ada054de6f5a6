using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Persistence.Operations;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Operations;
using BillingOrchestrator.Web.Scheduling;
using BillingOrchestrator.Workflows.Instances;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.IntegrationTests.Operations;

/// <summary>
/// Persistent schedules in Quartz's job store on the product database: they survive a restart, each period starts one
/// instance whatever fires it how often, the first-business-day rule holds, and a schedule whose definition does not
/// exist yet shows why instead of breaking the host.
/// </summary>
public sealed class ScheduleTests
{
    private static readonly TimeZoneInfo Utc = TimeZoneInfo.Utc;

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task ScheduleChangedThroughApi_SurvivesRestart_AndFiresOnceForItsPeriod(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var workflows = OperationsWorkflows.Directory();
        DateTimeOffset fireAt;
        await using (var first = new OperationsHost(database, workflows))
        {
            var admin = await first.ClientForAsync(OperationsHost.Admin);
            fireAt = DateTimeOffset.UtcNow.AddSeconds(12);
            fireAt = fireAt.AddTicks(-(fireAt.Ticks % TimeSpan.TicksPerSecond));
            var cron = string.Create(CultureInfo.InvariantCulture, $"{fireAt.Second} {fireAt.Minute} {fireAt.Hour} {fireAt.Day} {fireAt.Month} ?");
            var put = await admin.PutAsJsonAsync("/api/schedules/ops-scheduled", new { cron, timeZone = "UTC" });
            put.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await put.Content.ReadFromJsonAsync<JsonObject>())!["nextFireTime"]!.GetValue<DateTimeOffset>().ShouldBe(fireAt);
        }

        (await CountInstancesAsync(database)).ShouldBe(0);
        await using var second = new OperationsHost(database, workflows);
        var auditor = await second.ClientForAsync("auditor@demo.local");
        var listed = await ScheduleAsync(auditor, "ops-scheduled");
        listed["changedBy"]!.GetValue<string>().ShouldBe(OperationsHost.Admin);
        listed["timeZone"]!.GetValue<string>().ShouldBe("UTC");

        var correlation = $"schedule:ops-scheduled:{fireAt:yyyy-MM-ddTHH:mm:ss}";
        var started = await Eventually.ReturnsAsync(() => ScheduleAsync(auditor, "ops-scheduled"), s => s["lastFiring"]?["status"]?.GetValue<string>() == "Started", "the firing", TimeSpan.FromSeconds(40));
        started["lastFiring"]!["correlationId"]!.GetValue<string>().ShouldBe(correlation);
        await Task.Delay(1500);
        var instances = await second.WithDbAsync(db => db.Set<WorkflowInstance>().Where(i => i.DefinitionId == "ops-scheduled").Select(i => new { i.Id, i.CorrelationId }).ToListAsync());
        instances.Count.ShouldBe(1);
        instances[0].CorrelationId.ShouldBe(correlation);
        instances[0].Id.ShouldBe(started["lastFiring"]!["instanceId"]!.GetValue<string>());
        started["previousFireTime"]!.GetValue<DateTimeOffset>().ShouldBe(fireAt);
        started["nextFireTime"]!.GetValue<DateTimeOffset>().ShouldBeGreaterThan(fireAt.AddDays(300));
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task FiringsForOnePeriod_OnTimeLateAndConcurrent_StartOneInstance(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory());
        var monday = new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);

        var firings = await Task.WhenAll(
            FireAsync(host, "0 0 7 ? * MON", monday),
            FireAsync(host, "0 0 7 ? * MON", monday),
            FireAsync(host, "0 0 7 ? * MON", monday),
            FireAsync(host, "0 0 7 ? * MON", monday.AddHours(2).AddMinutes(13)));

        firings.Select(f => f!.CorrelationId).Distinct().ShouldBe(["schedule:ops-scheduled:2026-11-30T07:00:00"]);
        var instances = await host.WithDbAsync(db => db.Set<WorkflowInstance>().Where(i => i.DefinitionId == "ops-scheduled").Select(i => i.Id).ToListAsync());
        instances.Count.ShouldBe(1);
        var row = await host.WithDbAsync(db => db.Set<ScheduleFiringRow>().SingleAsync());
        row.Status.ShouldBe(ScheduleFiringRow.Started);
        row.InstanceId.ShouldBe(instances[0]);

        (await FireAsync(host, "0 0 7 ? * MON", monday.AddDays(7)))!.CorrelationId.ShouldBe("schedule:ops-scheduled:2026-12-07T07:00:00");
        (await host.WithDbAsync(db => db.Set<WorkflowInstance>().CountAsync(i => i.DefinitionId == "ops-scheduled"))).ShouldBe(2);
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    public async Task FirstBusinessDayRule_StartsTheMonthOnItsFirstBusinessDay_HolidaysIncluded_CatchesUpOnceAfterDowntime(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var settings = new Dictionary<string, string?> { ["Scheduling:Holidays:0"] = "2027-01-01" };
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory(), settings);
        const string weekdays = "0 0 7 ? * MON-FRI";

        (await FireAsync(host, weekdays, new DateTimeOffset(2026, 12, 1, 7, 0, 0, TimeSpan.Zero), firstBusinessDay: true))!.CorrelationId.ShouldBe("schedule:ops-scheduled:2026-12");
        (await FireAsync(host, weekdays, new DateTimeOffset(2026, 12, 2, 7, 0, 0, TimeSpan.Zero), firstBusinessDay: true))!.CorrelationId.ShouldBe("schedule:ops-scheduled:2026-12");
        (await FireAsync(host, weekdays, new DateTimeOffset(2027, 1, 1, 7, 0, 0, TimeSpan.Zero), firstBusinessDay: true)).ShouldBeNull();
        (await FireAsync(host, weekdays, new DateTimeOffset(2027, 1, 4, 7, 0, 0, TimeSpan.Zero), firstBusinessDay: true))!.CorrelationId.ShouldBe("schedule:ops-scheduled:2027-01");
        (await host.WithDbAsync(db => db.Set<WorkflowInstance>().CountAsync(i => i.DefinitionId == "ops-scheduled"))).ShouldBe(2);

        // The host was down on Monday 1 February: Wednesday's firing catches the month up, Thursday's finds it done.
        (await FireAsync(host, weekdays, new DateTimeOffset(2027, 2, 3, 7, 0, 0, TimeSpan.Zero), firstBusinessDay: true))!.CorrelationId.ShouldBe("schedule:ops-scheduled:2027-02");
        (await FireAsync(host, weekdays, new DateTimeOffset(2027, 2, 4, 7, 0, 0, TimeSpan.Zero), firstBusinessDay: true))!.CorrelationId.ShouldBe("schedule:ops-scheduled:2027-02");
        (await host.WithDbAsync(db => db.Set<WorkflowInstance>().CountAsync(i => i.DefinitionId == "ops-scheduled"))).ShouldBe(3);
        BusinessDays.FirstOfMonth(2026, 11, []).ShouldBe(new DateOnly(2026, 11, 2));
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task DefaultSchedules_WithoutTheirDefinitions_ShowTheErrorAndRecordFailedFirings_HostKeepsRunning(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var settings = new Dictionary<string, string?>
        {
            ["Scheduling:Schedules:2:DefinitionId"] = "ops-scheduled",
            ["Scheduling:Schedules:2:Cron"] = "every monday",
        };
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory(), settings);
        var service = await host.ClientForAsync(OperationsHost.Service);

        var body = (await service.GetFromJsonAsync<JsonObject>("/api/schedules"))!;
        var weekly = body["schedules"]!.AsArray().Single(s => s!["definitionId"]!.GetValue<string>() == "weekly-leakage-review")!;
        weekly["cron"]!.GetValue<string>().ShouldBe("0 0 7 ? * MON");
        weekly["definitionPublished"]!.GetValue<bool>().ShouldBeFalse();
        weekly["error"]!.GetValue<string>().ShouldContain("no published definition 'weekly-leakage-review'");
        weekly["nextFireTime"]!.GetValue<DateTimeOffset>().DayOfWeek.ShouldBe(DayOfWeek.Monday);
        var monthly = body["schedules"]!.AsArray().Single(s => s!["definitionId"]!.GetValue<string>() == "monthly-governance-review")!;
        monthly["firstBusinessDayOfMonth"]!.GetValue<bool>().ShouldBeTrue();
        body["configurationErrors"]!.AsArray().Single()!.GetValue<string>().ShouldContain("Scheduling:Schedules:2 (ops-scheduled): cron:");
        body["schedules"]!.AsArray().ShouldNotContain(s => s!["definitionId"]!.GetValue<string>() == "ops-scheduled");

        var failed = await host.WithScopeAsync(sp => sp.GetRequiredService<ScheduleFirings>()
            .FireAsync("weekly-leakage-review", "0 0 7 ? * MON", Utc, false, new DateTimeOffset(2026, 11, 30, 7, 0, 0, TimeSpan.Zero), CancellationToken.None));
        failed!.Status.ShouldBe(ScheduleFiringRow.Failed);
        failed.Error!.ShouldContain("weekly-leakage-review");
        (await ScheduleAsync(service, "weekly-leakage-review"))["lastFiring"]!["status"]!.GetValue<string>().ShouldBe("Failed");
        (await service.GetAsync("/api/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task PutSchedule_AdminOnly_InvalidIs400NamingEachField_ValidIsAudited(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory());
        var finance = await host.ClientForAsync(OperationsHost.Finance);
        var admin = await host.ClientForAsync(OperationsHost.Admin);

        (await finance.PutAsJsonAsync("/api/schedules/weekly-leakage-review", new { cron = "0 0 8 ? * MON" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await admin.PutAsJsonAsync("/api/schedules/weekly-leakage-review", new { cron = "0 0 25 ? * MON", timeZone = "Mars/Olympus" });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).Order().ShouldBe(["cron", "timeZone"]);
        (await ScheduleAsync(admin, "weekly-leakage-review"))["cron"]!.GetValue<string>().ShouldBe("0 0 7 ? * MON");

        var ok = await admin.PutAsJsonAsync("/api/schedules/weekly-leakage-review", new { cron = "0 30 6 ? * TUE", timeZone = "Europe/London" });
        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        var changed = await ScheduleAsync(finance, "weekly-leakage-review");
        changed["cron"]!.GetValue<string>().ShouldBe("0 30 6 ? * TUE");
        changed["timeZone"]!.GetValue<string>().ShouldBe("Europe/London");
        var next = TimeZoneInfo.ConvertTime(changed["nextFireTime"]!.GetValue<DateTimeOffset>(), TimeZoneInfo.FindSystemTimeZoneById("Europe/London"));
        (next.DayOfWeek, next.Hour, next.Minute).ShouldBe((DayOfWeek.Tuesday, 6, 30));
        var audit = (await admin.GetFromJsonAsync<JsonArray>("/api/audit?take=200"))!;
        audit.Count(e => e!["action"]!.GetValue<string>() == "schedules.change" && e["subject"]!.GetValue<string>() == "schedule:weekly-leakage-review").ShouldBe(1);
    }

    [Fact]
    public async Task TwoClusteredHostsOnPostgres_EveryPeriodStartsOneInstance()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabaseKind.Postgres);
        var workflows = OperationsWorkflows.Directory();
        var settings = new Dictionary<string, string?>
        {
            ["Scheduling:Schedules:2:DefinitionId"] = "ops-scheduled",
            ["Scheduling:Schedules:2:Cron"] = "0/2 * * * * ?",
            ["Scheduling:Schedules:2:TimeZone"] = "UTC",
        };
        await using var hostA = new OperationsHost(database, workflows, settings);
        await using var hostB = new OperationsHost(database, workflows, settings);
        _ = hostA.Server;
        _ = hostB.Server;

        await Eventually.ReturnsAsync(() => CountInstancesAsync(database), n => n >= 4, "four periods fired", TimeSpan.FromSeconds(40));
        (await hostA.WithDbAsync(db => db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM qrtz_scheduler_state").SingleAsync())).ShouldBe(2L);
        await hostA.DisposeAsync();
        await hostB.DisposeAsync();

        var instances = await CorrelationsAsync(database);
        instances.Count.ShouldBe(instances.Distinct().Count());
        instances.ShouldAllBe(c => c.StartsWith("schedule:ops-scheduled:", StringComparison.Ordinal));
    }

    private static Task<ScheduleFiringRow?> FireAsync(OperationsHost host, string cron, DateTimeOffset scheduled, bool firstBusinessDay = false) =>
        host.WithScopeAsync(sp => sp.GetRequiredService<ScheduleFirings>().FireAsync("ops-scheduled", cron, Utc, firstBusinessDay, scheduled, CancellationToken.None));

    private static async Task<JsonObject> ScheduleAsync(HttpClient client, string definitionId) =>
        (await client.GetFromJsonAsync<JsonObject>("/api/schedules"))!["schedules"]!.AsArray().Single(s => s!["definitionId"]!.GetValue<string>() == definitionId)!.AsObject();

    private static async Task<int> CountInstancesAsync(TestDatabase database) => (await CorrelationsAsync(database)).Count;

    private static async Task<List<string>> CorrelationsAsync(TestDatabase database)
    {
        await using var connection = await OpenAsync(database);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT correlation_id FROM wf_instances WHERE definition_id = 'ops-scheduled'";
        var result = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            result.Add(reader.GetString(0));
        }

        return result;
    }

    private static async Task<System.Data.Common.DbConnection> OpenAsync(TestDatabase database)
    {
        System.Data.Common.DbConnection connection = database.Kind == TestDatabaseKind.Postgres
            ? new Npgsql.NpgsqlConnection(database.ConnectionString)
            : new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(database.DataDirectory, "billing.db")}");
        await connection.OpenAsync();
        return connection;
    }
}
