using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BillingOrchestrator.Persistence.Documentation;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Operations;
using Microsoft.EntityFrameworkCore;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Fonts.Standard14Fonts;
using UglyToad.PdfPig.Writer;

namespace BillingOrchestrator.IntegrationTests.Operations;

/// <summary>
/// Evidence packs published to the documentation platform: to a folder (read back: index.md and the PDFs), and to a
/// REST endpoint on loopback that fails before it succeeds, or always. Every attempt is recorded; the API key is sent
/// in its header and appears nowhere else; a failed publication leaves the workflow running.
/// </summary>
public sealed class PublicationTests
{
    private const string ApiKey = "docs-k3y-7c1e5a9b-never-log-me";
    private const string PdfText = "Reconciliation signed off by the service manager";

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task FolderPublish_WritesIndexAndPdfs_ThatReadBackWithTheRecordedHashes(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var folder = Directory.CreateTempSubdirectory("bo-publish-").FullName;
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory(), new Dictionary<string, string?> { ["Documentation:Folder"] = folder });
        var (service, instanceId, pdf) = await InstanceWithEvidenceAsync(host);

        var publication = await PublishAsync(service, instanceId);

        publication["status"]!.GetValue<string>().ShouldBe("Published");
        publication["attempts"]!.GetValue<int>().ShouldBe(1);
        publication["targetKind"]!.GetValue<string>().ShouldBe("folder");
        var location = publication["location"]!.GetValue<string>();
        location.ShouldBe(Path.Combine(folder, instanceId, publication.Id()));
        var index = await File.ReadAllTextAsync(Path.Combine(location, "index.md"));
        var files = publication["files"]!.AsArray().ToDictionary(f => f!["path"]!.GetValue<string>(), f => f!["sha256"]!.GetValue<string>());
        files.Keys.Order(StringComparer.Ordinal).ShouldBe(Directory.EnumerateFiles(location, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(location, f)).Order(StringComparer.Ordinal));
        foreach (var (path, sha) in files)
        {
            Sha(await File.ReadAllBytesAsync(Path.Combine(location, path))).ShouldBe(sha, path);
        }

        var pdfPath = files.Keys.Single(p => p.EndsWith(".pdf", StringComparison.Ordinal));
        index.ShouldStartWith($"# Evidence pack: {OperationsWorkflows.NotifyThenTasks} v1, instance {instanceId}");
        index.ShouldContain($"[{pdfPath}]({pdfPath})");
        index.ShouldContain($"`{Sha(pdf)}`");
        index.ShouldContain("| Spot check of the batch | Note |");
        using var document = PdfDocument.Open(Path.Combine(location, pdfPath));
        string.Join(' ', document.GetPage(1).GetWords().Select(w => w.Text)).ShouldBe(PdfText);
        var listed = (await service.GetFromJsonAsync<JsonArray>($"/api/publications?instanceId={instanceId}"))!;
        listed.Select(p => p!["id"]!.GetValue<string>()).ShouldBe([publication.Id()]);
    }

    [Fact]
    public async Task FolderPublish_OfHostileNamesNotesAndLinks_WritesAnIndexWithoutMarkupControlCharactersOrUnsafeLinks()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabaseKind.Sqlite);
        var folder = Directory.CreateTempSubdirectory("bo-publish-").FullName;
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory(), new Dictionary<string, string?> { ["Documentation:Folder"] = folder });
        var (service, instanceId, _) = await InstanceWithEvidenceAsync(host);
        var notes = $"/api/workflow-instances/{instanceId}/evidence/notes";
        (await service.PostAsJsonAsync(notes, new { name = "[x](javascript:alert(1)) <script>alert(2)</script>", note = "![img](javascript:alert(3)) <img src=x onerror=alert(4)>", activityId = "check" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await service.PostAsJsonAsync(notes, new { name = "invoice\u0000\u202Efdp.exe", note = "bidi\u2066 and NUL\u0000 and bell\u0007", activityId = "check" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await service.PostAsJsonAsync(notes, new { kind = "link", name = "ticket", url = "https://psa.example.com/t?q=\"><script>alert(5)</script>", activityId = "check" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var publication = await PublishAsync(service, instanceId);

        var index = await File.ReadAllTextAsync(Path.Combine(publication["location"]!.GetValue<string>(), "index.md"));
        index.ShouldNotContain("<script", Case.Insensitive);
        index.ShouldNotContain("<img", Case.Insensitive);
        index.ShouldNotContain("](javascript:", Case.Insensitive);
        index.ShouldNotContain("[x]");
        index.ShouldNotContain("\u0000");
        index.ShouldNotContain("\u0007");
        index.ShouldNotContain("\u202E");
        index.ShouldNotContain("\u2066");
        index.ShouldContain(@"\[x\]\(javascript:alert\(1\)\) &lt;script&gt;alert\(2\)&lt;/script&gt;");
        index.ShouldContain("| invoicefdp.exe | Note |");
        index.ShouldContain("<https://psa.example.com/t?q=%22%3E%3Cscript%3Ealert(5)%3C/script%3E>");
        var links = System.Text.RegularExpressions.Regex.Matches(index, @"(?<!\\)\]\((?<target>[^)]*)\)").Select(m => m.Groups["target"].Value).ToList();
        links.ShouldNotBeEmpty();
        links.ShouldAllBe(target => target.StartsWith("briefs/", StringComparison.Ordinal) || target.StartsWith("evidence/", StringComparison.Ordinal) || target.StartsWith("/api/evidence/", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task RestPublish_FailingTwiceThenAccepting_IsRetriedWithBackoff_AndRecordedWithoutTheKey(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var receiver = new LoopbackPackReceiver { FailFirst = 2 };
        await receiver.StartAsync();
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory(), RestSettings(receiver));
        var (service, instanceId, pdf) = await InstanceWithEvidenceAsync(host);

        var publication = await PublishAsync(service, instanceId);

        publication["status"]!.GetValue<string>().ShouldBe("Published");
        publication["attempts"]!.GetValue<int>().ShouldBe(3);
        publication["lastError"]!.GetValue<string>().ShouldContain("503");
        publication["target"]!.GetValue<string>().ShouldBe(receiver.Url);
        receiver.Posts.Select(p => p.Accepted).ShouldBe([false, false, true]);
        receiver.Posts.ShouldAllBe(p => p.ApiKey == ApiKey && p.IdempotencyKey == publication.Id());
        var accepted = receiver.Posts[^1].Files;
        accepted.Values.ShouldContain(f => Sha(f) == Sha(pdf));
        Encoding.UTF8.GetString(accepted["index.md"]).ShouldContain($"`{Sha(pdf)}`");
        publication["files"]!.AsArray().Select(f => (f!["path"]!.GetValue<string>(), f["sha256"]!.GetValue<string>()))
            .ShouldBe(accepted.Select(f => (f.Key, Sha(f.Value))), ignoreOrder: true);
        await KeyAppearsNowhereAsync(host, instanceId);
    }

    [Theory]
    [InlineData(TestDatabaseKind.Sqlite)]
    [InlineData(TestDatabaseKind.Postgres)]
    public async Task RestPublish_ThatAlwaysFails_IsRecordedAsFailedAfterTheLastAttempt_AndTheWorkflowCarriesOn(TestDatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var receiver = new LoopbackPackReceiver { AlwaysFail = true };
        await receiver.StartAsync();
        await using var host = new OperationsHost(database, OperationsWorkflows.Directory(), RestSettings(receiver));
        var (service, instanceId, _) = await InstanceWithEvidenceAsync(host);

        var publication = await PublishAsync(service, instanceId);

        publication["status"]!.GetValue<string>().ShouldBe("Failed");
        publication["attempts"]!.GetValue<int>().ShouldBe(3);
        receiver.Posts.Count.ShouldBe(3);
        publication["lastError"]!.GetValue<string>().ShouldContain("503");
        var failed = (await service.GetFromJsonAsync<JsonArray>("/api/publications?status=Failed"))!;
        failed.Select(p => p!["instanceId"]!.GetValue<string>()).ShouldBe([instanceId]);
        var task = await service.WaitForTaskAsync(instanceId, "check");
        (await service.CompleteAsync(task, "Done")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await service.GetFromJsonAsync<JsonObject>($"/api/tasks/{task.Id()}"))!["status"]!.GetValue<string>().ShouldBe("Completed");
        (await service.GetInstanceAsync(instanceId))["status"]!.GetValue<string>().ShouldBe("Running");
        await KeyAppearsNowhereAsync(host, instanceId);
    }

    private static Dictionary<string, string?> RestSettings(LoopbackPackReceiver receiver) => new()
    {
        ["Documentation:Target"] = "rest",
        ["Documentation:RestUrl"] = receiver.Url,
        ["Documentation:ApiKeyHeader"] = LoopbackPackReceiver.KeyHeader,
        ["Documentation:ApiKey"] = ApiKey,
        ["Documentation:MaxAttempts"] = "3",
        ["Documentation:BaseRetryDelay"] = "00:00:00.050",
        ["Documentation:MaxRetryDelay"] = "00:00:00.200",
    };

    private static async Task<(HttpClient Service, string InstanceId, byte[] Pdf)> InstanceWithEvidenceAsync(OperationsHost host)
    {
        var service = await host.ClientForAsync(OperationsHost.Service);
        var instance = await service.StartAsync(OperationsWorkflows.NotifyThenTasks);
        await service.WaitForTaskAsync(instance.Id(), "check");
        var pdf = Pdf(PdfText);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(pdf);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "reconciliation.pdf");
        form.Add(new StringContent("check"), "activityId");
        (await service.PostAsync($"/api/workflow-instances/{instance.Id()}/evidence", form)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await service.PostAsJsonAsync($"/api/workflow-instances/{instance.Id()}/evidence/notes", new { name = "Spot check of the batch", note = "10 of 10 lines traced | no gaps", activityId = "check" }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        return (service, instance.Id(), pdf);
    }

    private static async Task<JsonObject> PublishAsync(HttpClient client, string instanceId)
    {
        var response = await client.PostAsync($"/api/workflow-instances/{instanceId}/publish", null);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var publication = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var stored = (await client.GetFromJsonAsync<JsonObject>($"/api/publications/{publication.Id()}"))!;
        stored.ToJsonString().ShouldBe(publication.ToJsonString(), "the answer is what was recorded");
        return publication;
    }

    private static async Task KeyAppearsNowhereAsync(OperationsHost host, string instanceId)
    {
        var rows = await host.WithDbAsync(db => db.Set<PublicationRow>().AsNoTracking().Where(p => p.InstanceId == instanceId).ToListAsync());
        rows.ShouldNotBeEmpty();
        System.Text.Json.JsonSerializer.Serialize(rows).ShouldNotContain(ApiKey);
        host.Logs.Lines.ShouldNotContain(line => line.Contains(ApiKey, StringComparison.Ordinal));
        host.Logs.Lines.ShouldContain(line => line.Contains("Publishing evidence pack", StringComparison.Ordinal));
    }

    private static byte[] Pdf(string text)
    {
        var builder = new PdfDocumentBuilder();
        var font = builder.AddStandard14Font(Standard14Font.Helvetica);
        builder.AddPage(PageSize.A4).AddText(text, 12, new UglyToad.PdfPig.Core.PdfPoint(40, 780), font);
        return builder.Build();
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
