using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Persistence.Kpis;
using BillingOrchestrator.Testing;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// The implementation assets the playbook lists, generated from the live demo MSP: the runbook follows the published
/// definition, the workbook's KPIs equal the KPI API, the briefs carry the figures and the evidence they claim.
/// </summary>
public abstract class ImplementationAssetTests(ProductHost host)
{
    private const string Finance = "finance@demo.local";
    private const string Service = "service@demo.local";
    private const string Auditor = "auditor@demo.local";
    private const string Admin = "admin@demo.local";
    private const string Cycle = "agreement-billing-integrity";

    private static readonly (int Step, string Owner, string System)[] Playbook = PlaybookDefinitionTests.Playbook;

    [Fact]
    public async Task RunbookMarkdown_ListsTheSixStepsWithTheirOwnerRoles_AndFollowsTheDefinitionsApproverRole()
    {
        var auditor = await host.ClientForAsync(Auditor);

        var before = await DownloadAsync(auditor, "runbook.md", "text/markdown");
        var markdown = System.Text.Encoding.UTF8.GetString(before);

        foreach (var (step, owner, system) in Playbook)
        {
            var row = StepRow(markdown, step);
            row[3].ShouldBe(owner);
            row[4].ShouldBe(system);
            row[5].ShouldBe("ServiceManager");
            markdown.ShouldContain($"### Step {step}: ");
        }

        markdown.ShouldContain("The invoice batch is released: every exception has a disposition with a reason, and those above 500.00 are confirmed by a second person.");
        markdown.ShouldContain("| Exceptions | `MaterialityThreshold` | 500.00 |");
        markdown.ShouldContain("| ServiceManager | PT0S | FinanceLead | P1D |");
        markdown.ShouldContain("`weekly-leakage-review`");
        markdown.ShouldContain("cron '0 0 7 ? * MON'");
        markdown.ShouldContain("| Invoice error rate |");
        markdown.ShouldContain("10-25% better than the week-1 baseline by week 8");

        // An admin makes finance leads approve step 3's gate: the runbook says so at once, and the version it describes moves on.
        var admin = await host.ClientForAsync(Admin);
        var published = await SetApproverAsync(admin, "s3-gate", "FinanceLead");
        try
        {
            var after = System.Text.Encoding.UTF8.GetString(await DownloadAsync(auditor, "runbook.md", "text/markdown"));
            StepRow(after, 3)[5].ShouldBe("FinanceLead");
            StepRow(after, 2)[5].ShouldBe("ServiceManager");
            after.ShouldContain($"`{Cycle}` version {published}");
            after.ShouldContain("A FinanceLead approves who submitted none of the step's tasks (two-person rule).");
        }
        finally
        {
            await SetApproverAsync(admin, "s3-gate", "ServiceManager");
        }
    }

    [Fact]
    public async Task RunbookPdf_ShowsEveryStepWithOwnerSystemAndApprover()
    {
        var auditor = await host.ClientForAsync(Auditor);

        var pdf = await DownloadAsync(auditor, "runbook.pdf", "application/pdf");

        var text = Text(pdf, out var pages);
        pages.ShouldBeGreaterThan(1);
        text.ShouldContain("Operator runbook: agreement billing integrity");
        foreach (var (step, owner, system) in Playbook)
        {
            text.ShouldContain($"Step {step}: ");
            text.ShouldContain(system);
            text.ShouldContain(owner);
        }

        text.ShouldContain("Step 3: Run pre-invoice validation checks for missing time, out-of-scope labor, agreement mismatch, and duplicate charge scenarios");
        text.ShouldContain("Approver role ServiceManager");
        text.ShouldContain("Exceptions:MaterialityThreshold 500.00");
        text.ShouldContain("PAI-8 C6 Exception approvals");
        text.ShouldContain("Rollback and recovery");
    }

    [Fact]
    public async Task KpiRegister_HasItsSheets_KpisEqualTheKpiApi_AndEveryControlRowCountsTheStoredEvidence()
    {
        var finance = await host.ClientForAsync(Finance);
        var baselineId = await EnsureBaselineAsync(finance);
        // As in KpiTests: the baseline was three weeks ago with twice today's unbilled labour and error rate, so week 4 shows movement.
        var now = (await finance.GetFromJsonAsync<JsonObject>("/api/kpis"))!["report"]!;
        await host.WithDbAsync(async db =>
        {
            var row = await db.Set<KpiSnapshotRow>().SingleAsync(r => r.Id == baselineId);
            db.Entry(row).Property(r => r.RecordedAt).CurrentValue = DateTimeOffset.UtcNow.AddDays(-21);
            db.Entry(row).Property(r => r.ValuesJson).CurrentValue = new JsonObject
            {
                ["invoiceErrorRate"] = now["invoiceErrorRate"]!["rate"]!.GetValue<decimal>() * 2,
                ["unbilledLabourValue"] = now["unbilledLabour"]!["value"]!.GetValue<decimal>() * 2,
                ["grossMargin"] = now["grossMargin"]!["overall"]!["grossMargin"]!.GetValue<decimal>() - 0.5m,
            }.ToJsonString();
            return await db.SaveChangesAsync();
        });
        (await finance.PostAsJsonAsync("/api/kpis/weekly", new { })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var series = (await finance.GetFromJsonAsync<JsonObject>("/api/kpis/series"))!;
        var live = (await finance.GetFromJsonAsync<JsonObject>("/api/kpis"))!["report"]!;
        var service = await host.ClientForAsync(Service);
        var run = (await (await service.PostAsJsonAsync("/api/validation-runs", new { })).Content.ReadFromJsonAsync<JsonObject>())!;
        string[] labour = ["missing-time", "out-of-scope-labor", "agreement-mismatch", "unbilled-overage", "rate-not-applied", "stale-unbilled"];
        var independentUnbilled = run["summary"]!["totals"]!.AsArray().Where(t => labour.Contains(t!["category"]!.GetValue<string>())).Sum(t => t!["amountAtRisk"]!.GetValue<decimal>());

        var bytes = await DownloadAsync(await host.ClientForAsync(Auditor), "kpi-register.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        using var workbook = new XLWorkbook(new MemoryStream(bytes));
        workbook.Worksheets.Select(w => w.Name).ShouldBe(["KPI baseline", "KPI series", "Risk & control register"]);
        var kpis = workbook.Worksheet("KPI baseline");
        var baseline = series["baseline"]!["values"]!;
        var latest = series["points"]!.AsArray()[^1]!;
        latest["week"]!.GetValue<int>().ShouldBe(4);
        foreach (var (name, key, liveValue) in new[]
        {
            ("Invoice error rate", "invoiceErrorRate", live["invoiceErrorRate"]!["rate"]!.GetValue<decimal>()),
            ("Unbilled labour value", "unbilledLabourValue", live["unbilledLabour"]!["value"]!.GetValue<decimal>()),
            ("Agreement gross margin", "grossMargin", live["grossMargin"]!["overall"]!["grossMargin"]!.GetValue<decimal>()),
        })
        {
            var row = kpis.RowsUsed().Single(r => r.Cell(1).GetString() == name);
            Number(row.Cell(3)).ShouldBe(baseline[key]!.GetValue<decimal>(), name);
            Number(row.Cell(5)).ShouldBe(4m);
            Number(row.Cell(6)).ShouldBe(latest["values"]![key]!.GetValue<decimal>(), name);
            Number(row.Cell(7)).ShouldBe(latest["movement"]!.AsArray().Single(m => m!["kpi"]!.GetValue<string>() == key)!["improvement"]!.GetValue<decimal>(), name);
            Number(row.Cell(8)).ShouldBe(series["week4"]!["movement"]!.AsArray().Single(m => m!["kpi"]!.GetValue<string>() == key)!["improvement"]!.GetValue<decimal>(), name);
            var target = series["targets"]!.AsArray().Single(t => t!["target"]!["kpi"]!.GetValue<string>() == key)!;
            Number(row.Cell(10)).ShouldBe(target["requiredImprovement"]!.GetValue<decimal>(), name);
            row.Cell(12).GetString().ShouldBe(target["status"]!.GetValue<string>(), name);
            Number(row.Cell(13)).ShouldBe(liveValue, name);
        }

        Number(kpis.RowsUsed().Single(r => r.Cell(1).GetString() == "Unbilled labour value").Cell(13)).ShouldBe(independentUnbilled);
        workbook.Worksheet("KPI series").RowsUsed().Skip(1).Select(r => (int)Number(r.Cell(1))).ShouldBe([1, 4]);

        var stored = await host.WithDbAsync(db => db.Set<EvidenceItem>().AsNoTracking().ToListAsync());
        var register = workbook.Worksheet("Risk & control register").RowsUsed().Skip(1).Where(r => r.Cell(2).GetString().Length > 0).ToList();
        register.Select(r => r.Cell(1).GetString()).ShouldBe(EvidenceControls.All);
        foreach (var row in register)
        {
            var control = row.Cell(1).GetString();
            var items = stored.Where(e => e.Controls.Contains(control)).ToList();
            Number(row.Cell(7)).ShouldBe(items.Count, control);
            row.Cell(3).GetString().ShouldNotBeNullOrWhiteSpace();
            row.Cell(5).GetString().ShouldNotBeNullOrWhiteSpace(control + " has owner roles");
            row.Cell(10).GetString().ShouldBe(items.Count == 0 ? "no evidence" : "operating", control);
        }

        register.Single(r => r.Cell(1).GetString() == EvidenceControls.ExceptionApprovals).Cell(5).GetString().ShouldBe("ServiceManager, PsaAdmin");
    }

    [Fact]
    public async Task ExecutiveBrief_ShowsMoneyAtRiskRecoveredKpiStatusTopLeaksAndOpenExceptions_WithAChart_OnTwoPagesAtMost()
    {
        var finance = await host.ClientForAsync(Finance);
        await EnsureBaselineAsync(finance);
        var run = (await (await (await host.ClientForAsync(Service)).PostAsJsonAsync("/api/validation-runs", new { })).Content.ReadFromJsonAsync<JsonObject>())!;
        var atRisk = run["summary"]!["totalAmountAtRisk"]!.GetValue<decimal>();
        var kpis = (await finance.GetFromJsonAsync<JsonObject>("/api/kpis"))!;
        var dashboard = (await finance.GetFromJsonAsync<JsonObject>("/api/dashboards/leakage"))!;
        var recovered = await host.WithDbAsync(async db => (await db.Set<BillingException>().AsNoTracking()
            .Where(e => e.Status == ExceptionStatus.Closed && e.Disposition == Disposition.Bill).Select(e => e.AmountCents).ToListAsync()).Sum() / 100m);

        var pdf = await DownloadAsync(await host.ClientForAsync(Auditor), "executive-brief.pdf", "application/pdf");

        var text = Text(pdf, out var pages);
        pages.ShouldBeLessThanOrEqualTo(2);
        atRisk.ShouldBeGreaterThan(0m);
        text.ShouldContain("MONEY AT RISK, USD LEAKAGE RECOVERED, USD OPEN EXCEPTIONS ROLLOUT");
        text.ShouldContain($" {Money(atRisk)} {Money(recovered)} ");
        var targets = kpis["targets"]!.AsArray();
        targets.Count.ShouldBe(3);
        foreach (var target in targets)
        {
            var name = target!["target"]!["kpi"]!.GetValue<string>() switch
            {
                "invoiceErrorRate" => "Invoice error rate",
                "unbilledLabourValue" => "Unbilled labour value",
                _ => "Agreement gross margin",
            };
            text.ShouldContain(name);
        }

        CountOf(text, "on-track").ShouldBe(targets.Count(t => t!["status"]!.GetValue<string>() == "on-track"));
        CountOf(text, "off-track").ShouldBe(targets.Count(t => t!["status"]!.GetValue<string>() == "off-track"));
        text.ShouldContain(Money(kpis["report"]!["unbilledLabour"]!["value"]!.GetValue<decimal>()));
        var top = dashboard["topAgreements"]!.AsArray()[0]!;
        text.ShouldContain($"{top["name"]!.GetValue<string>()} {Money(top["totals"]!["unbilledLabour"]!.GetValue<decimal>())}");
        text.ShouldContain("30-day rollout");
        using var document = PdfDocument.Open(pdf);
        document.GetPages().SelectMany(p => p.GetImages()).ShouldNotBeEmpty("the leakage trend chart is embedded");
    }

    [Fact]
    public async Task ProofBrief_ShowsEachApprovedGateWithApproverTimeAndEvidenceHashes_AndTheAuditChainResult_AndFilesAsEvidence()
    {
        var finance = await host.ClientForAsync(Finance);
        var service = await host.ClientForAsync(Service);
        var instanceId = (await finance.StartAsync(Cycle)).Id();
        foreach (var (task, gate) in new[] { ("s1-define-catalog", "s1-gate"), ("s2-enforce-coding", "s2-gate") })
        {
            await finance.AttachNoteAsync(instanceId, task, $"{task} notes");
            (await finance.CompleteAsync(await finance.WaitForTaskAsync(instanceId, task), "Done", new { summary = "done" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            var approved = await service.CompleteAsync(await service.WaitForTaskAsync(instanceId, gate), "Approved");
            approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        }

        var auditor = await host.ClientForAsync(Auditor);
        var gates = (await auditor.TasksAsync(instanceId, "Completed")).Select(t => t!.AsObject()).Where(t => t["kind"]!.GetValue<string>() == "QualityGate").ToList();
        gates.Count.ShouldBe(2);
        var evidence = (await auditor.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/evidence"))!.Select(e => e!.AsObject()).ToList();
        var catalogReport = evidence.Single(e => e["kind"]!.GetValue<string>() == "Artefact" && e["step"]?.GetValue<int>() == 1 && e["name"]!.GetValue<string>().EndsWith(".json", StringComparison.Ordinal));
        var entriesBefore = (await auditor.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!["entriesChecked"]!.GetValue<long>();

        var pdf = await DownloadAsync(auditor, "proof-brief.pdf", "application/pdf");

        var text = Text(pdf, out _);
        var entriesAfter = (await auditor.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!["entriesChecked"]!.GetValue<long>();
        var verified = long.Parse(text.Split("Intact: all ")[1].Split(' ')[0], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        verified.ShouldBeInRange(entriesBefore, entriesAfter);
        var lastSeal = (await auditor.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!["lastSeal"]!;
        text.ShouldContain($"latest seal #{lastSeal["number"]!.GetValue<int>()} of ");
        foreach (var gate in gates)
        {
            var at = gate["completedAt"]!.GetValue<DateTimeOffset>().ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
            text.ShouldContain($"{gate["title"]!.GetValue<string>()}: approved by {Service} on {at}, instance {instanceId}");
        }

        text.ShouldContain(catalogReport["sha256"]!.GetValue<string>());
        foreach (var control in EvidenceControls.All)
        {
            text.ShouldContain($"{control}: gates approved");
        }

        // Filed as evidence of a step on request: stored by its hash, recorded as the requester's, audited.
        var filed = await service.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/assets/runbook.md", new { activityId = "s3-review-findings" });
        filed.StatusCode.ShouldBe(HttpStatusCode.Created, await filed.Content.ReadAsStringAsync());
        var item = (await filed.Content.ReadFromJsonAsync<JsonObject>())!;
        item["createdBy"]!.GetValue<string>().ShouldBe(Service);
        item["gateId"]!.GetValue<string>().ShouldBe("s3-gate");
        item["url"]!.GetValue<string>().ShouldBe("/api/assets/runbook.md");
        var content = await auditor.GetByteArrayAsync($"/api/evidence/{item.Id()}/content");
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)).ShouldBe(item["sha256"]!.GetValue<string>());
        System.Text.Encoding.UTF8.GetString(content).ShouldContain("### Step 6: ");
        var workbook = await service.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/assets/kpi-register.xlsx", new { });
        workbook.StatusCode.ShouldBe(HttpStatusCode.Created, await workbook.Content.ReadAsStringAsync());
        (await workbook.Content.ReadFromJsonAsync<JsonObject>())!["controls"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe([EvidenceControls.Observability, EvidenceControls.FinancialTelemetry]);
        var unknown = await service.PostAsJsonAsync($"/api/workflow-instances/{instanceId}/assets/budget.xlsx", new { });
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("asset").ShouldBeTrue();
        (await service.PostAsJsonAsync("/api/workflow-instances/nope/assets/runbook.md", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await AuditReader.ReadAllAsync(auditor)).ShouldContain(e => e!["action"]!.GetValue<string>() == "assets.file" && e["actor"]!.GetValue<string>() == Service);
    }

    private async Task<byte[]> DownloadAsync(HttpClient client, string asset, string mediaType)
    {
        var response = await client.GetAsync($"/api/assets/{asset}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe(mediaType);
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileName.ShouldBe(asset);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private async Task<string> EnsureBaselineAsync(HttpClient finance)
    {
        var response = await finance.PostAsJsonAsync("/api/kpis/baseline", new { });
        if (response.StatusCode == HttpStatusCode.Conflict)
        {
            return (await finance.GetFromJsonAsync<JsonObject>("/api/kpis/baseline"))!.Id();
        }

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!.Id();
    }

    /// <summary>Saves the published cycle with <paramref name="gateId"/>'s approver role changed and publishes it; returns the version.</summary>
    private static async Task<int> SetApproverAsync(HttpClient admin, string gateId, string role)
    {
        var definition = (await admin.GetFromJsonAsync<JsonObject>($"/api/workflow-definitions/{Cycle}?version=published"))!["definition"]!.AsObject();
        definition["activities"]!.AsArray().Single(a => a!["id"]!.GetValue<string>() == gateId)!["approverRole"] = role;
        var saved = await admin.PostAsync("/api/workflow-definitions/", new StringContent(definition.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        saved.StatusCode.ShouldBe(HttpStatusCode.Created, await saved.Content.ReadAsStringAsync());
        var version = (await saved.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>();
        var published = await admin.PostAsJsonAsync($"/api/workflow-definitions/{Cycle}/publish", new { version });
        published.StatusCode.ShouldBe(HttpStatusCode.OK, await published.Content.ReadAsStringAsync());
        return version;
    }

    /// <summary>The cells of the step's row in the runbook's step table: | step | what | owner | system | approver | controls |.</summary>
    private static string[] StepRow(string markdown, int step) =>
        markdown.Split('\n').Single(l => l.StartsWith($"| {step} | ", StringComparison.Ordinal)).Split('|').Select(c => c.Trim()).ToArray();

    private static string Text(byte[] pdf, out int pages)
    {
        using var document = PdfDocument.Open(pdf);
        pages = document.NumberOfPages;
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
    }

    private static decimal Number(IXLCell cell) => Math.Round(cell.GetValue<decimal>(), 6);

    private static int CountOf(string text, string word) => text.Split(' ').Count(w => w == word);

    private static string Money(decimal amount) => amount.ToString("#,##0.00", CultureInfo.InvariantCulture);
}

public sealed class ImplementationAssetTestsOnSqlite(SqlitePlaybookProductHost host) : ImplementationAssetTests(host), IClassFixture<SqlitePlaybookProductHost>;

public sealed class ImplementationAssetTestsOnPostgres(PostgresPlaybookProductHost host) : ImplementationAssetTests(host), IClassFixture<PostgresPlaybookProductHost>;
