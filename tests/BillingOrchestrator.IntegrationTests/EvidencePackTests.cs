using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// Evidence pack import (POST /api/workflow-instances/{id}/evidence-pack): zip bombs, too many entries, traversal
/// names, disguised files and nested archives are refused or neutralised; a refused pack changes nothing; a valid one
/// becomes one hashed, tagged evidence item per file.
/// </summary>
public abstract class EvidencePackTests(ProductHost host)
{
    private const string Controls = "PAI-8 C2 Billing validation|PSF D2 Output validation";

    // 1 GiB of zeros deflates to about 1 MiB: a ratio near deflate's maximum of 1032. Built once per test run.
    private static readonly Lazy<byte[]> Bomb = new(() => Zip(zip =>
    {
        using var entry = zip.CreateEntry("zeros.txt", CompressionLevel.SmallestSize).Open();
        var zeros = new byte[1024 * 1024];
        for (var i = 0; i < 1024; i++)
        {
            entry.Write(zeros);
        }
    }));

    private string EvidenceStore => Path.Combine(host.Database.DataDirectory, "evidence");

    [Fact]
    public async Task ZipBomb_IsRefusedWhileDecompressing_AndNothingIsStored()
    {
        var (finance, instanceId) = await AtGateAsync();
        var before = StoredFiles();

        var response = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence-pack", Pack(Bomb.Value));

        Bomb.Value.Length.ShouldBeLessThan(2 * 1024 * 1024);
        (await FileErrorAsync(response)).ShouldContain("zip bomb");
        await ShouldHaveNoEvidenceAsync(finance, instanceId);
        StoredFiles().ShouldBe(before);
        TemporaryFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task TooManyEntries_AreRefused()
    {
        var (finance, instanceId) = await AtGateAsync();
        var pack = Zip(zip =>
        {
            for (var i = 0; i < 201; i++)
            {
                Add(zip, $"note-{i}.txt", $"note {i}\n");
            }
        });

        var response = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence-pack", Pack(pack));

        (await FileErrorAsync(response)).ShouldContain("201 entries; at most 200");
        await ShouldHaveNoEvidenceAsync(finance, instanceId);
    }

    [Fact]
    public async Task TraversalAndAbsoluteNames_AreNeutralised_AndNothingIsWrittenOutsideTheStore()
    {
        var (finance, instanceId) = await AtGateAsync();
        var marker = Guid.NewGuid().ToString("N");
        var pack = Zip(zip =>
        {
            Add(zip, $"../../escape-{marker}.csv", "a,b\n1,2\n");
            Add(zip, $"/tmp/absolute-{marker}.txt", "absolute\n");
            Add(zip, $"..\\..\\windows-{marker}.json", "{\"a\":1}");
        });

        var response = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence-pack", Pack(pack));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var names = (await finance.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/evidence"))!.Select(e => e!["name"]!.GetValue<string>()).Order().ToList();
        names.ShouldBe([$"absolute-{marker}.txt", $"escape-{marker}.csv", $"windows-{marker}.json"]);
        var escaped = new[] { host.Database.DataDirectory, EvidenceStore, Path.GetTempPath(), Environment.CurrentDirectory, "/" }
            .SelectMany(root => Directory.EnumerateFiles(root, $"*{marker}*", new EnumerationOptions { RecurseSubdirectories = root != "/" && root != Path.GetTempPath(), IgnoreInaccessible = true }))
            .ToList();
        escaped.ShouldBeEmpty("files named after the entries exist outside the content-addressed store");
        TemporaryFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task HtmlNamedPdf_InsideAPack_RefusesTheWholePack()
    {
        var (finance, instanceId) = await AtGateAsync();
        var before = StoredFiles();
        var pack = Zip(zip =>
        {
            Add(zip, "report.csv", "agreement,amount\n10,420.00\n");
            Add(zip, "invoice.pdf", "<html><script>alert(1)</script></html>");
        });

        var response = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence-pack", Pack(pack));

        var error = await FileErrorAsync(response);
        error.ShouldContain("invoice.pdf");
        error.ShouldContain("HTML or script markup");
        await ShouldHaveNoEvidenceAsync(finance, instanceId);
        StoredFiles().ShouldBe(before, "the valid report.csv must not be kept from a refused pack");
    }

    [Fact]
    public async Task NestedArchive_AndNotAZip_AreRefused()
    {
        var (finance, instanceId) = await AtGateAsync();
        var inner = Zip(zip => Add(zip, "inner.txt", "inside\n"));
        var nested = Zip(zip =>
        {
            using var entry = zip.CreateEntry("more-evidence.zip").Open();
            entry.Write(inner);
        });

        var nestedResponse = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence-pack", Pack(nested));
        var notZip = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence-pack", Pack(Encoding.UTF8.GetBytes("plain text, not a zip")));

        (await FileErrorAsync(nestedResponse)).ShouldContain("nested archives are not accepted");
        (await FileErrorAsync(notZip)).ShouldContain("not a readable ZIP");
        await ShouldHaveNoEvidenceAsync(finance, instanceId);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    public async Task EmptyOrTinyNonZipFile_IsRefusedAsNotAZip_NotAServerError(int length)
    {
        var (finance, instanceId) = await AtGateAsync();

        var response = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence-pack", Pack(Encoding.ASCII.GetBytes(new string('x', length))));

        (await FileErrorAsync(response)).ShouldContain("not a readable ZIP");
        await ShouldHaveNoEvidenceAsync(finance, instanceId);
    }

    [Fact]
    public async Task SingleFileUpload_LargerThanTheGeneralRequestLimit_ButWithinTheEvidenceLimit_IsStored()
    {
        var (finance, instanceId) = await AtGateAsync();
        var bytes = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Repeat("evidence line of a large ledger export\n", 60_000)));
        bytes.Length.ShouldBeGreaterThan(2 * 1024 * 1024);
        var response = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence", Form(bytes, "ledger.txt", "text/plain"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var item = (await finance.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/evidence"))!.ShouldHaveSingleItem()!;
        item["length"]!.GetValue<long>().ShouldBe(bytes.LongLength);
    }

    [Fact]
    public async Task ValidPack_BecomesOneHashedTaggedItemPerFile_AndIsAudited()
    {
        var (finance, instanceId) = await AtGateAsync();
        var files = new Dictionary<string, byte[]>
        {
            ["reports/validation.csv"] = Encoding.UTF8.GetBytes("agreement,finding,amount\n10,missing time,420.00\n"),
            ["summary.json"] = Encoding.UTF8.GetBytes("{\"findings\":1}"),
            ["notes/readme.txt"] = Encoding.UTF8.GetBytes("checked by finance\n"),
        };
        var pack = Zip(zip =>
        {
            zip.CreateEntry("reports/");
            foreach (var (name, bytes) in files)
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        });

        var response = await finance.PostAsync($"/api/workflow-instances/{instanceId}/evidence-pack", Pack(pack));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var items = (await response.Content.ReadFromJsonAsync<JsonObject>())!["items"]!.AsArray();
        items.Select(i => i!["name"]!.GetValue<string>()).ShouldBe(["validation.csv", "summary.json", "readme.txt"]);
        var auditor = await host.ClientForAsync("auditor@demo.local");
        foreach (var (item, bytes) in items.Zip(files.Values))
        {
            item!["sha256"]!.GetValue<string>().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));
            item["activityId"]!.GetValue<string>().ShouldBe("gate");
            item["gateId"]!.GetValue<string>().ShouldBe("gate");
            item["kind"]!.GetValue<string>().ShouldBe("File");
            item["createdBy"]!.GetValue<string>().ShouldBe("finance@demo.local");
            item["controls"]!.AsArray().Select(c => c!.GetValue<string>()).ShouldBe(["PAI-8 C2 Billing validation", "PSF D2 Output validation"]);
            (await auditor.GetByteArrayAsync($"/api/evidence/{item["id"]}/content")).ShouldBe(bytes);
        }

        var stored = (await finance.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/evidence"))!;
        stored.Count.ShouldBe(3);
        var audit = await AuditReader.ReadAllAsync(await host.ClientForAsync("admin@demo.local"));
        var imported = audit.Where(e => e["action"]!.GetValue<string>() == "evidence.import-pack" && e["subject"]!.GetValue<string>() == $"instance:{instanceId}").ShouldHaveSingleItem();
        imported["dataJson"]!.GetValue<string>().ShouldContain("evidence-pack.zip");
    }

    private async Task<(HttpClient Finance, string InstanceId)> AtGateAsync()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        await finance.CompleteAsync(await finance.WaitForTaskAsync(instance.Id(), "review"), "Approve", new { reason = "ready for the gate" });
        return (finance, instance.Id());
    }

    private static MultipartFormDataContent Pack(byte[] zip) => Form(zip, "evidence-pack.zip", "application/zip");

    private static MultipartFormDataContent Form(byte[] bytes, string fileName, string contentType)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        form.Add(new StringContent("gate"), "activityId");
        form.Add(new StringContent(Controls), "controls");
        return form;
    }

    private static byte[] Zip(Action<ZipArchive> fill)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            fill(zip);
        }

        return buffer.ToArray();
    }

    private static void Add(ZipArchive zip, string name, string text)
    {
        using var entry = zip.CreateEntry(name).Open();
        entry.Write(Encoding.UTF8.GetBytes(text));
    }

    private static async Task<string> FileErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        var problem = JsonNode.Parse(body)!;
        return problem["errors"]!["file"]!.AsArray().Single()!.GetValue<string>();
    }

    private static async Task ShouldHaveNoEvidenceAsync(HttpClient client, string instanceId) =>
        (await client.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instanceId}/evidence"))!.ShouldBeEmpty();

    private List<string> StoredFiles() =>
        Directory.Exists(Path.Combine(EvidenceStore, "sha256"))
            ? [.. Directory.EnumerateFiles(Path.Combine(EvidenceStore, "sha256"), "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)]
            : [];

    private List<string> TemporaryFiles() =>
        Directory.Exists(Path.Combine(EvidenceStore, "tmp")) ? [.. Directory.EnumerateFiles(Path.Combine(EvidenceStore, "tmp"))] : [];
}

public sealed class EvidencePackTestsOnSqlite(SqliteEvidencePackHost host) : EvidencePackTests(host), IClassFixture<SqliteEvidencePackHost>;

public sealed class EvidencePackTestsOnPostgres(PostgresEvidencePackHost host) : EvidencePackTests(host), IClassFixture<PostgresEvidencePackHost>;

/// <summary>
/// The product with its default evidence file limit (10 MiB) rather than the test hosts' 200 KB, so a bomb is stopped
/// by the ratio limit, as in production, before the per-file size limit could.
/// </summary>
public class EvidencePackHost(TestDatabaseKind kind) : ProductHost(kind)
{
    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Evidence:MaxFileBytes", (10 * 1024 * 1024).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SqliteEvidencePackHost() : EvidencePackHost(TestDatabaseKind.Sqlite);

public sealed class PostgresEvidencePackHost() : EvidencePackHost(TestDatabaseKind.Postgres);
