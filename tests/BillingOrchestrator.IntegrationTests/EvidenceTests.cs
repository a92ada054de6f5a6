using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BillingOrchestrator.Evidence.Store;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>Evidence at a quality gate: upload rules, the two-person rule, the PDF brief and the audit pack.</summary>
public abstract class EvidenceTests(ProductHost host)
{
    private const string Finance = "finance@demo.local";
    private const string Service = "service@demo.local";

    private static MultipartFormDataContent Upload(byte[] bytes, string fileName, string activityId, string controls = "PAI-8 C2 Billing validation|PSF D2 Output validation") =>
        WorkflowApi.EvidenceUpload(bytes, fileName, activityId, controls);

    private async Task<(HttpClient Finance, HttpClient Service, string InstanceId, JsonObject Gate)> AtGateAsync()
    {
        var finance = await host.ClientForAsync(Finance);
        var service = await host.ClientForAsync(Service);
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        await finance.CompleteAsync(await finance.WaitForTaskAsync(instance.Id(), "review"), "Approve", new { reason = "ready for the gate" });
        return (finance, service, instance.Id(), await service.WaitForTaskAsync(instance.Id(), "gate"));
    }

    [Fact]
    public async Task ApprovedGate_WithEvidenceFromAnotherPerson_ProducesAReadablePdfBriefAndAVerifiableAuditPack()
    {
        var (finance, service, instanceId, gate) = await AtGateAsync();
        var csv = Encoding.UTF8.GetBytes("agreement,finding,amount\n10,missing time,420.00\n");
        var uploaded = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence", Upload(csv, "validation-report.csv", "gate"));
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var item = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;
        item["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(csv)));

        var approved = await service.CompleteAsync(gate, "Approved", new { evidence = new { report = item.Id() } });

        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var briefs = (await finance.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/briefs"))!;
        var brief = briefs.ShouldHaveSingleItem()!;
        var pdf = await finance.GetAsync($"/api/briefs/{brief["id"]}");
        pdf.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        pdf.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        var bytes = await pdf.Content.ReadAsByteArrayAsync();
        using (var document = PdfDocument.Open(bytes))
        {
            var words = document.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
            words.ShouldContain(instanceId);
            words.ShouldContain(item["sha256"]!.GetValue<string>());
            words.ShouldContain(Service);
            // The audit chain's head is sealed into the brief: its entry count and the hash of that entry.
            var sealedEntries = long.Parse(words[words.LastIndexOf("Entries") + 1], System.Globalization.CultureInfo.InvariantCulture);
            var sealedHead = string.Concat(words.Skip(words.LastIndexOf("Head") + 2).TakeWhile(w => w.All(char.IsAsciiHexDigitLower)));
            await AuditEntryHashShouldBeAsync(sealedEntries, sealedHead);
        }

        var pack = await finance.GetByteArrayAsync($"/api/workflow-instances/{instanceId}/audit-pack");
        using var zip = new ZipArchive(new MemoryStream(pack));
        var manifest = JsonNode.Parse(zip.GetEntry("manifest.json")!.Open())!;
        var files = manifest["files"]!.AsArray();
        files.Count.ShouldBe(2);
        var chain = manifest["auditChain"]!;
        await AuditEntryHashShouldBeAsync(chain["entries"]!.GetValue<long>(), chain["head"]!.GetValue<string>());
        foreach (var file in files)
        {
            using var entry = zip.GetEntry(file!["path"]!.GetValue<string>())!.Open();
            Convert.ToHexStringLower(await SHA256.HashDataAsync(entry)).ShouldBe(file["sha256"]!.GetValue<string>());
        }
    }

    private async Task AuditEntryHashShouldBeAsync(long sequence, string hash)
    {
        var auditor = await host.ClientForAsync("auditor@demo.local");
        var entry = (await auditor.GetFromJsonAsync<JsonArray>($"/api/audit?after={sequence - 1}&take=1"))!.ShouldHaveSingleItem()!;
        entry["sequence"]!.GetValue<long>().ShouldBe(sequence);
        entry["hash"]!.GetValue<string>().ShouldBe(hash);
    }

    [Fact]
    public async Task GateApproval_CitingEvidenceTheApproverAttached_IsRefusedByTheTwoPersonRule()
    {
        var (_, service, instanceId, gate) = await AtGateAsync();
        var uploaded = await service.PostAsync($"/api/workflow-instances/{instanceId}/evidence", Upload(Encoding.UTF8.GetBytes("own work\n"), "mine.txt", "gate"));
        var item = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;

        var refused = await service.CompleteAsync(gate, "Approved", new { evidence = new { report = item.Id() } });

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Two-person rule");
        (await service.WaitForTaskAsync(instanceId, "gate"))["status"]!.GetValue<string>().ShouldNotBe("Completed");
    }

    [Fact]
    public async Task Upload_HtmlDisguisedAsPdf_OrTooLarge_IsRefusedAndNothingIsStored()
    {
        var (finance, _, instanceId, _) = await AtGateAsync();

        var disguised = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence", Upload(Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "invoice.pdf", "gate"));
        var huge = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence", Upload(new byte[300_000], "big.csv", "gate"));
        var traversal = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence", Upload(Encoding.UTF8.GetBytes("a,b\n1,2\n"), "../../etc/passwd.csv", "gate"));
        var unknownControl = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence", Upload(Encoding.UTF8.GetBytes("a,b\n"), "ok.csv", "gate", "ISO 9001"));

        disguised.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await disguised.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["file"].ShouldNotBeNull();
        huge.StatusCode.ShouldBeOneOf(HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge);
        unknownControl.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        traversal.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await traversal.Content.ReadFromJsonAsync<JsonObject>())!["name"]!.GetValue<string>().ShouldBe("passwd.csv");
        var stored = (await finance.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/evidence"))!;
        stored.Select(e => e!["name"]!.GetValue<string>()).ShouldBe(["passwd.csv"]);
    }

    [Fact]
    public async Task Download_IsAlwaysAnAttachmentWithNosniff()
    {
        var (finance, _, instanceId, _) = await AtGateAsync();
        var uploaded = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence", Upload(Encoding.UTF8.GetBytes("{\"a\":1}"), "data.json", "gate"));
        var item = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;

        var download = await (await host.ClientForAsync("auditor@demo.local")).GetAsync($"/api/evidence/{item.Id()}/content");

        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        (await download.Content.ReadAsStringAsync()).ShouldBe("{\"a\":1}");
    }

    [Fact]
    public async Task Download_OfAFileAlteredOnDisk_Is409NamingTheFileAndBothHashes_AndSoIsTheAuditPack()
    {
        var (finance, _, instanceId, _) = await AtGateAsync();
        var original = Encoding.UTF8.GetBytes("agreement,amount\n10,420.00\n");
        var uploaded = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence", Upload(original, "reconciliation.csv", "gate"));
        var item = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!;
        var sha = item["sha256"]!.GetValue<string>();
        var tampered = Encoding.UTF8.GetBytes("agreement,amount\n10,0.00\n");
        var path = ((FileSystemEvidenceStore)host.Services.GetRequiredService<IEvidenceFileStore>()).PathOf(sha);
        File.SetAttributes(path, FileAttributes.Normal);
        await File.WriteAllBytesAsync(path, tampered);
        var auditor = await host.ClientForAsync("auditor@demo.local");

        var download = await auditor.GetAsync($"/api/evidence/{item.Id()}/content");
        var pack = await auditor.GetAsync($"/api/workflow-instances/{instanceId}/audit-pack");

        download.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        download.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = (await download.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["file"]!.GetValue<string>().ShouldBe("reconciliation.csv");
        problem["expectedSha256"]!.GetValue<string>().ShouldBe(sha);
        problem["actualSha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(tampered)));
        problem["detail"]!.GetValue<string>().ShouldContain("reconciliation.csv");
        pack.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var packProblem = (await pack.Content.ReadFromJsonAsync<JsonObject>())!;
        packProblem["file"]!.GetValue<string>().ShouldBe($"evidence/{item.Id()}-reconciliation.csv");
        packProblem["expectedSha256"]!.GetValue<string>().ShouldBe(sha);
        packProblem["actualSha256"]!.GetValue<string>().ShouldBe(problem["actualSha256"]!.GetValue<string>());
        await File.WriteAllBytesAsync(path, original);
    }
}

public sealed class EvidenceTestsOnSqlite(SqliteProductHost host) : EvidenceTests(host), IClassFixture<SqliteProductHost>;

public sealed class EvidenceTestsOnPostgres(PostgresProductHost host) : EvidenceTests(host), IClassFixture<PostgresProductHost>;
