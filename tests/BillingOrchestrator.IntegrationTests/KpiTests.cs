using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Persistence.Kpis;
using BillingOrchestrator.Testing;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>KPIs over the API on the demo MSP: measured now, a week-1 baseline, weekly points, movement and targets.</summary>
public abstract class KpiTests(ProductHost host)
{
    private const string Finance = "finance@demo.local";

    [Fact]
    public async Task CurrentKpis_UnbilledLabour_EqualsTheLabourCategoriesOfAValidationRun()
    {
        var service = await host.ClientForAsync("service@demo.local");
        var run = (await (await service.PostAsJsonAsync("/api/validation-runs", new { })).Content.ReadFromJsonAsync<JsonObject>())!;
        string[] labour = ["missing-time", "out-of-scope-labor", "agreement-mismatch", "unbilled-overage", "rate-not-applied", "stale-unbilled"];
        var expected = run["summary"]!["totals"]!.AsArray().Where(t => labour.Contains(t!["category"]!.GetValue<string>())).Sum(t => t!["amountAtRisk"]!.GetValue<decimal>());

        var kpis = (await (await host.ClientForAsync("auditor@demo.local")).GetFromJsonAsync<JsonObject>("/api/kpis"))!;

        expected.ShouldBeGreaterThan(0m);
        kpis["report"]!["unbilledLabour"]!["value"]!.GetValue<decimal>().ShouldBe(expected);
        var rate = kpis["report"]!["invoiceErrorRate"]!;
        rate["invoicesWithErrors"]!.GetValue<int>().ShouldBeGreaterThan(0);
        rate["rate"]!.GetValue<decimal>().ShouldBe(Math.Round(rate["invoicesWithErrors"]!.GetValue<decimal>() / rate["invoices"]!.GetValue<int>(), 6));
        var margin = kpis["report"]!["grossMargin"]!;
        margin["byAgreement"]!.AsArray().Count.ShouldBeGreaterThan(100);
        margin["overall"]!["revenue"]!.GetValue<decimal>().ShouldBe(margin["byServiceLine"]!.AsArray().Sum(l => l!["revenue"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task Baseline_IsFinanceOnly_RecordedOnce_ThenWeeklyPointsGiveMovementAndTargetStatus()
    {
        var finance = await host.ClientForAsync(Finance);
        var service = await host.ClientForAsync("service@demo.local");
        (await finance.GetAsync("/api/kpis/series")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await service.PostAsJsonAsync("/api/kpis/baseline", new { })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var recorded = await finance.PostAsJsonAsync("/api/kpis/baseline", new { });
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        var baselineId = (await recorded.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        (await finance.PostAsJsonAsync("/api/kpis/baseline", new { })).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var noReason = await finance.PostAsJsonAsync("/api/kpis/baseline", new { replace = true });
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("reason").ShouldBeTrue();

        // The baseline was taken three weeks ago with twice today's unbilled labour and error rate and a lower margin.
        var now = (await finance.GetFromJsonAsync<JsonObject>("/api/kpis"))!["report"]!;
        var unbilled = now["unbilledLabour"]!["value"]!.GetValue<decimal>();
        var errorRate = now["invoiceErrorRate"]!["rate"]!.GetValue<decimal>();
        var margin = now["grossMargin"]!["overall"]!["grossMargin"]!.GetValue<decimal>();
        await host.WithDbAsync(async db =>
        {
            var row = await db.Set<KpiSnapshotRow>().SingleAsync(r => r.Id == baselineId);
            db.Entry(row).Property(r => r.RecordedAt).CurrentValue = row.RecordedAt.AddDays(-21);
            db.Entry(row).Property(r => r.ValuesJson).CurrentValue =
                new JsonObject { ["invoiceErrorRate"] = errorRate * 2, ["unbilledLabourValue"] = unbilled * 2, ["grossMargin"] = margin - 0.5m }.ToJsonString();
            return await db.SaveChangesAsync();
        });

        var week = await finance.PostAsJsonAsync("/api/kpis/weekly", new { });
        week.StatusCode.ShouldBe(HttpStatusCode.Created, await week.Content.ReadAsStringAsync());
        (await week.Content.ReadFromJsonAsync<JsonObject>())!["week"]!.GetValue<int>().ShouldBe(4);

        var series = (await finance.GetFromJsonAsync<JsonObject>("/api/kpis/series"))!;
        series["points"]!.AsArray().Select(p => p!["week"]!.GetValue<int>()).ShouldBe([1, 4]);
        var movement = series["week4"]!["movement"]!.AsArray().ToDictionary(m => m!["kpi"]!.GetValue<string>(), m => m!["improvement"]!.GetValue<decimal>());
        movement["invoiceErrorRate"].ShouldBe(0.5m);
        movement["unbilledLabourValue"].ShouldBe(0.5m);
        movement["grossMargin"].ShouldBe(Math.Round(0.5m / Math.Abs(margin - 0.5m), 6));
        series["week8"].ShouldBeNull();
        var targets = series["targets"]!.AsArray();
        targets.ShouldAllBe(t => t!["status"]!.GetValue<string>() == "on-track");
        targets.First(t => t!["target"]!["kpi"]!.GetValue<string>() == "invoiceErrorRate")!["requiredImprovement"]!.GetValue<decimal>().ShouldBe(Math.Round(0.10m * 3 / 7, 6));

        var audit = await AuditReader.ReadAllAsync(await host.ClientForAsync("auditor@demo.local"));
        audit.ShouldContain(e => e!["action"]!.GetValue<string>() == "kpis.record-baseline" && e["subject"]!.GetValue<string>() == $"kpi-snapshot:{baselineId}");
        audit.ShouldContain(e => e!["action"]!.GetValue<string>() == "kpis.record-week");
    }
}

public sealed class KpiTestsOnSqlite(SqliteDemoProductHost host) : KpiTests(host), IClassFixture<SqliteDemoProductHost>;

public sealed class KpiTestsOnPostgres(PostgresDemoProductHost host) : KpiTests(host), IClassFixture<PostgresDemoProductHost>;
