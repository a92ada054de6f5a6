using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using Microsoft.VisualBasic.FileIO;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>Playbook step 4 on the demo MSP: findings become routed exceptions; dispositions, confirmations and the invoice batch.</summary>
public abstract class ExceptionTests(ProductHost host)
{
    private const string Finance = "finance@demo.local";
    private const string Service = "service@demo.local";

    private async Task<(string InstanceId, JsonObject Instance)> RoutedAsync()
    {
        var service = await host.ClientForAsync(Service);
        var instance = await service.StartAsync(TestWorkflows.Exceptions.DefinitionId);
        await service.WaitForTaskAsync(instance.Id(), "disposition");
        return (instance.Id(), await service.GetInstanceAsync(instance.Id()));
    }

    private static Task<List<JsonObject>> ExceptionsAsync(HttpClient client, string query) => client.ExceptionsAsync(query);

    private static Task<HttpResponseMessage> DispositionAsync(HttpClient client, JsonObject exception, string disposition, string? reason = "checked against the agreement") =>
        client.PostAsJsonAsync($"/api/exceptions/{exception.Id()}/disposition", new { disposition, reason });

    [Fact]
    public async Task EveryFinding_BecomesAnExceptionRoutedByTheConfiguredRules_WithItsFindingAndSourceLinks()
    {
        var (instanceId, instance) = await RoutedAsync();
        var finance = await host.ClientForAsync(Finance);
        var run = instance["variables"]!["validation"]!;

        var exceptions = await ExceptionsAsync(finance, $"instanceId={instanceId}");

        exceptions.Count.ShouldBe(run["findings"]!.GetValue<int>());
        exceptions.Count.ShouldBeGreaterThan(0);
        exceptions.ShouldAllBe(e => e["status"]!.GetValue<string>() == "Open" && e["sourceLinks"]!.AsArray().Count > 0);
        foreach (var e in exceptions)
        {
            var category = e["category"]!.GetValue<string>();
            var expected = category is "stale-unbilled" or "invoice-agreement-drift" or "duplicate-charge" || e["amount"]!.GetValue<decimal>() >= 2500 ? "FinanceLead" : "ServiceManager";
            e["routedRole"]!.GetValue<string>().ShouldBe(expected, $"{category} {e["amount"]}");
        }

        exceptions.Sum(e => e["amount"]!.GetValue<decimal>()).ShouldBe(run["amountAtRisk"]!.GetValue<decimal>());
        var page = (await finance.GetFromJsonAsync<JsonObject>($"/api/exceptions?instanceId={instanceId}&role=FinanceLead&page=1&pageSize=2"))!;
        page["items"]!.AsArray().Count.ShouldBe(2);
        page["total"]!.GetValue<int>().ShouldBe(exceptions.Count(e => e["routedRole"]!.GetValue<string>() == "FinanceLead"));
    }

    [Fact]
    public async Task Disposition_WithoutAReason_OrByARoleItIsNotRoutedTo_IsRefused_AndChangesNothing()
    {
        var (instanceId, _) = await RoutedAsync();
        var service = await host.ClientForAsync(Service);
        var exceptions = await ExceptionsAsync(service, $"instanceId={instanceId}");
        var forService = exceptions.First(e => e["routedRole"]!.GetValue<string>() == "ServiceManager");
        var forFinance = exceptions.First(e => e["routedRole"]!.GetValue<string>() == "FinanceLead");

        var noReason = await DispositionAsync(service, forService, "bill", reason: " ");
        var badDisposition = await DispositionAsync(service, forService, "ignore");
        var wrongRole = await DispositionAsync(service, forFinance, "write-off");
        var auditor = await DispositionAsync(await host.ClientForAsync("auditor@demo.local"), forService, "bill");

        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["reason"].ShouldNotBeNull();
        badDisposition.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        wrongRole.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await wrongRole.Content.ReadAsStringAsync()).ShouldContain("routed to FinanceLead");
        auditor.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        foreach (var e in new[] { forService, forFinance })
        {
            var stored = (await service.GetFromJsonAsync<JsonObject>($"/api/exceptions/{e.Id()}"))!;
            stored["status"]!.GetValue<string>().ShouldBe("Open");
            stored["history"]!.AsArray().ShouldBeEmpty();
        }
    }

    [Fact]
    public async Task Disposition_AboveMateriality_RequiresASecondDifferentApprover_AndKeepsTheWholeHistory()
    {
        var (instanceId, _) = await RoutedAsync();
        var service = await host.ClientForAsync(Service);
        var finance = await host.ClientForAsync(Finance);
        var material = (await ExceptionsAsync(service, $"instanceId={instanceId}&role=ServiceManager")).First(e => e["amount"]!.GetValue<decimal>() > 500);

        var decided = (await (await DispositionAsync(service, material, "bill", "out-of-scope onsite work, billable per agreement")).Content.ReadFromJsonAsync<JsonObject>())!;
        var selfConfirm = await service.PostAsJsonAsync($"/api/exceptions/{material.Id()}/confirm", new { accept = true });
        var rejected = (await (await finance.PostAsJsonAsync($"/api/exceptions/{material.Id()}/confirm", new { accept = false, comment = "customer has a credit note pending" })).Content.ReadFromJsonAsync<JsonObject>())!;
        await DispositionAsync(service, material, "write-off", "credit note agreed with the customer");
        var confirmed = await finance.PostAsJsonAsync($"/api/exceptions/{material.Id()}/confirm", new { accept = true, comment = "agreed" });

        decided["status"]!.GetValue<string>().ShouldBe("AwaitingConfirmation");
        decided["needsSecondApprover"]!.GetValue<bool>().ShouldBeTrue();
        selfConfirm.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await selfConfirm.Content.ReadAsStringAsync()).ShouldContain("Two-person rule");
        rejected["status"]!.GetValue<string>().ShouldBe("Open");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK, await confirmed.Content.ReadAsStringAsync());
        var final = (await finance.GetFromJsonAsync<JsonObject>($"/api/exceptions/{material.Id()}"))!;
        final["status"]!.GetValue<string>().ShouldBe("Closed");
        final["disposition"]!.GetValue<string>().ShouldBe("write-off");
        final["confirmedBy"]!.GetValue<string>().ShouldBe(Finance);
        var history = final["history"]!.AsArray();
        history.Select(h => (h!["kind"]!.GetValue<string>(), h["actor"]!.GetValue<string>())).ShouldBe(
            [("Disposition", Service), ("Rejection", Finance), ("Disposition", Service), ("Confirmation", Finance)]);
        history.ShouldAllBe(h => h!["findingLink"]!.GetValue<string>().Contains(final["runId"]!.GetValue<string>()) && h["sourceLinks"]!.AsArray().Count > 0);
        (await DispositionAsync(service, material, "bill")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Confirm_ByARoleTheExceptionIsNotRoutedTo_Is403_AndTheDispositionStillAwaitsConfirmation()
    {
        var (instanceId, _) = await RoutedAsync();
        var service = await host.ClientForAsync(Service);
        var finance = await host.ClientForAsync(Finance);
        var material = (await ExceptionsAsync(finance, $"instanceId={instanceId}&role=FinanceLead")).First(e => e["amount"]!.GetValue<decimal>() > 500);
        (await DispositionAsync(finance, material, "write-off", "goodwill credit agreed")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var byServiceManager = await service.PostAsJsonAsync($"/api/exceptions/{material.Id()}/confirm", new { accept = true });
        var rejectedByServiceManager = await service.PostAsJsonAsync($"/api/exceptions/{material.Id()}/confirm", new { accept = false, comment = "no" });

        byServiceManager.StatusCode.ShouldBe(HttpStatusCode.Forbidden, await byServiceManager.Content.ReadAsStringAsync());
        (await byServiceManager.Content.ReadFromJsonAsync<JsonObject>())!["detail"]!.GetValue<string>().ShouldContain("routed to FinanceLead");
        rejectedByServiceManager.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var stored = (await finance.GetFromJsonAsync<JsonObject>($"/api/exceptions/{material.Id()}"))!;
        stored["status"]!.GetValue<string>().ShouldBe("AwaitingConfirmation");
        stored["confirmedBy"].ShouldBeNull();
        stored["history"]!.AsArray().Select(h => h!["kind"]!.GetValue<string>()).ShouldBe(["Disposition"]);
        var byAdmin = await (await host.ClientForAsync("admin@demo.local")).PostAsJsonAsync($"/api/exceptions/{material.Id()}/confirm", new { accept = true });
        byAdmin.StatusCode.ShouldBe(HttpStatusCode.OK, "Admin is one of the configured Exceptions:ConfirmationRoles");
    }

    // Every exception dispositioned by its routed role: stale unbilled time written off, the rest billed; material ones confirmed by the admin.
    private async Task<(decimal Billed, decimal WrittenOff)> DispositionEveryExceptionAsync(List<JsonObject> exceptions)
    {
        var finance = await host.ClientForAsync(Finance);
        var service = await host.ClientForAsync(Service);
        var admin = await host.ClientForAsync("admin@demo.local");
        var billed = 0m;
        var writtenOff = 0m;
        foreach (var e in exceptions)
        {
            var writeOff = e["category"]!.GetValue<string>() == "stale-unbilled";
            var client = e["routedRole"]!.GetValue<string>() == "FinanceLead" ? finance : service;
            var decided = (await (await DispositionAsync(client, e, writeOff ? "write-off" : "bill")).Content.ReadFromJsonAsync<JsonObject>())!;
            if (decided["status"]!.GetValue<string>() == "AwaitingConfirmation")
            {
                (await admin.PostAsJsonAsync($"/api/exceptions/{e.Id()}/confirm", new { accept = true })).StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            _ = writeOff ? writtenOff += e["amount"]!.GetValue<decimal>() : billed += e["amount"]!.GetValue<decimal>();
        }

        return (billed, writtenOff);
    }

    [Fact]
    public async Task InvoiceBatch_WithOpenExceptions_IsRefusedWithTheirIds_ThenReleasesTheAccountingExportAsEvidence()
    {
        var (instanceId, _) = await RoutedAsync();
        var finance = await host.ClientForAsync(Finance);
        var batch = (await finance.GetFromJsonAsync<JsonArray>($"/api/invoice-batches?instanceId={instanceId}"))!.Single()!.AsObject();
        var exceptions = await ExceptionsAsync(finance, $"instanceId={instanceId}");

        var refused = await finance.PostAsync($"/api/invoice-batches/{batch.Id()}/release", null);
        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var problem = (await refused.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["openExceptionIds"]!.AsArray().Select(i => i!.GetValue<string>()).ShouldBe(exceptions.Select(e => e.Id()).Order(StringComparer.Ordinal));
        (await (await host.ClientForAsync("psa-admin@demo.local")).PostAsync($"/api/invoice-batches/{batch.Id()}/release", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (billed, writtenOff) = await DispositionEveryExceptionAsync(exceptions);

        var released = await finance.PostAsync($"/api/invoice-batches/{batch.Id()}/release", null);
        released.StatusCode.ShouldBe(HttpStatusCode.OK, await released.Content.ReadAsStringAsync());
        var view = (await released.Content.ReadFromJsonAsync<JsonObject>())!;
        view["billableAmount"]!.GetValue<decimal>().ShouldBe(billed);
        view["writeOffAmount"]!.GetValue<decimal>().ShouldBe(writtenOff);
        var evidence = (await finance.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/evidence"))!;
        var export = evidence.Single(e => e!["sha256"]?.GetValue<string>() == view["exportSha256"]!.GetValue<string>())!.AsObject();
        export["controls"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldContain("PAI-8 C6 Exception approvals");
        export["step"]!.GetValue<int>().ShouldBe(4);
        export["url"]!.GetValue<string>().ShouldBe($"/api/invoice-batches/{batch.Id()}");
        var csv = await finance.GetStringAsync($"/api/evidence/{export.Id()}/content");
        csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1 + exceptions.Count(e => e["category"]!.GetValue<string>() != "stale-unbilled"));
        (await finance.PostAsync($"/api/invoice-batches/{batch.Id()}/release", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ReleasedBatch_ServesQuickBooksXeroAndTheWriteOffJournal_ExactlyAsFiledAsEvidence()
    {
        var (instanceId, _) = await RoutedAsync();
        var auditor = await host.ClientForAsync("auditor@demo.local");
        var batchId = (await auditor.GetFromJsonAsync<JsonArray>($"/api/invoice-batches?instanceId={instanceId}"))!.Single()!.AsObject().Id();
        var exceptions = await ExceptionsAsync(auditor, $"instanceId={instanceId}");
        var early = await auditor.GetAsync($"/api/invoice-batches/{batchId}/export/quickbooks");
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var (billed, writtenOff) = await DispositionEveryExceptionAsync(exceptions);
        (await (await host.ClientForAsync(Finance)).PostAsync($"/api/invoice-batches/{batchId}/release", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var quickBooks = await CsvAsync(auditor, $"/api/invoice-batches/{batchId}/export/quickbooks");
        var xero = await CsvAsync(auditor, $"/api/invoice-batches/{batchId}/export/Xero");
        var journal = await CsvAsync(auditor, $"/api/invoice-batches/{batchId}/write-off-journal.csv");
        var generic = await CsvAsync(auditor, $"/api/invoice-batches/{batchId}/export/generic");

        var billedIds = exceptions.Where(e => e["category"]!.GetValue<string>() != "stale-unbilled").Select(e => e.Id()).Order(StringComparer.Ordinal).ToList();
        quickBooks.Rows.Sum(r => decimal.Parse(r["ItemAmount"], CultureInfo.InvariantCulture)).ShouldBe(billed);
        quickBooks.Rows.Count.ShouldBe(billedIds.Count);
        quickBooks.Rows.Select(r => ExceptionIdIn(r["ItemDescription"])).Order(StringComparer.Ordinal).ShouldBe(billedIds);
        var links = exceptions.ToDictionary(e => e.Id(), e => e["sourceLinks"]!.AsArray()[0]!.GetValue<string>());
        quickBooks.Rows.ShouldAllBe(r => r["Customer"].Length > 0 && !r["Customer"].StartsWith("Company ") && r["ItemDescription"].EndsWith($"ConnectWise {links[ExceptionIdIn(r["ItemDescription"])]})"));
        var invoicesPerCustomer = quickBooks.Rows.GroupBy(r => r["InvoiceNo"]).ToList();
        invoicesPerCustomer.ShouldAllBe(g => g.Select(r => r["Customer"]).Distinct().Count() == 1);
        invoicesPerCustomer.Count.ShouldBe(quickBooks.Rows.Select(r => r["Customer"]).Distinct().Count());
        xero.Header[0].ShouldBe("*ContactName");
        xero.Rows.Sum(r => decimal.Parse(r["*UnitAmount"], CultureInfo.InvariantCulture)).ShouldBe(billed);
        xero.Rows.Select(r => r["*InvoiceNumber"]).Distinct().Order(StringComparer.Ordinal).ShouldBe(invoicesPerCustomer.Select(g => g.Key).Order(StringComparer.Ordinal));
        journal.Rows.Sum(r => Amount(r["Debit"])).ShouldBe(writtenOff);
        journal.Rows.Sum(r => Amount(r["Credit"])).ShouldBe(writtenOff);
        journal.Rows.Select(r => r["ExceptionId"]).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(exceptions.Where(e => e["category"]!.GetValue<string>() == "stale-unbilled").Select(e => e.Id()).Order(StringComparer.Ordinal));
        journal.Rows.ShouldAllBe(r => r["ConnectWiseLink"] == links[r["ExceptionId"]] && r["FindingLink"].StartsWith("/api/validation-runs/"));
        generic.Rows.Count.ShouldBe(billedIds.Count);

        var evidence = (await auditor.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/evidence"))!.Select(e => e!["sha256"]?.GetValue<string>()).ToHashSet();
        foreach (var file in new[] { quickBooks, xero, journal, generic })
        {
            evidence.ShouldContain(file.Sha256, "the file served is the one filed as evidence at release");
        }

        var unknown = await auditor.GetAsync($"/api/invoice-batches/{batchId}/export/sage");
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["format"].ShouldNotBeNull();
        (await auditor.GetAsync("/api/invoice-batches/nope/write-off-journal.csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<(string[] Header, List<Dictionary<string, string>> Rows, string Sha256)> CsvAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, url);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using var parser = new TextFieldParser(new MemoryStream(bytes)) { TextFieldType = FieldType.Delimited, HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        parser.SetDelimiters(",");
        var header = parser.ReadFields()!;
        var rows = new List<Dictionary<string, string>>();
        while (parser.ReadFields() is { } fields)
        {
            fields.Length.ShouldBe(header.Length, url);
            rows.Add(header.Zip(fields).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal));
        }

        return (header, rows, Convert.ToHexStringLower(SHA256.HashData(bytes)));
    }

    private static string ExceptionIdIn(string description) => description[(description.IndexOf("(exception ", StringComparison.Ordinal) + 11)..].Split(';')[0];

    private static decimal Amount(string cell) => cell.Length == 0 ? 0m : decimal.Parse(cell, CultureInfo.InvariantCulture);

    [Fact]
    public async Task ControlSample_IsASeededDrawOfOverridesAndWriteOffs_RecordedWithTheInstance()
    {
        var (instanceId, _) = await RoutedAsync();
        var service = await host.ClientForAsync(Service);
        (await service.CompleteAsync(await service.WaitForTaskAsync(instanceId, "disposition"), "Done")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await service.WaitForSubStatusAsync(instanceId, "Finished");

        var sample = (await service.GetFromJsonAsync<JsonArray>($"/api/control-samples?instanceId={instanceId}"))!.Single()!;

        var items = sample["items"]!.AsArray();
        items.Count.ShouldBe(3);
        sample["population"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(3);
        items.ShouldAllBe(i => i!["kind"]!.GetValue<string>() == "override" || i["kind"]!.GetValue<string>() == "write-off");
        var instance = await service.GetInstanceAsync(instanceId);
        instance["variables"]!["sample"]!["seed"]!.GetValue<int>().ShouldBe(sample["seed"]!.GetValue<int>());
    }
}

public sealed class ExceptionTestsOnSqlite(SqliteDemoProductHost host) : ExceptionTests(host), IClassFixture<SqliteDemoProductHost>;

public sealed class ExceptionTestsOnPostgres(PostgresDemoProductHost host) : ExceptionTests(host), IClassFixture<PostgresDemoProductHost>;
