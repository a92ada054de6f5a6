using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Xml;
using BillingOrchestrator.Persistence.Feed;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Parquet;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>The Power BI feed and exports, read with an API key over real HTTP: $metadata, query options, paging.</summary>
public abstract class FeedTests(ProductHost host)
{
    private async Task<(HttpClient Client, string Id, string Key)> KeyClientAsync()
    {
        var admin = await host.ClientForAsync("admin@demo.local");
        var issued = await admin.PostAsJsonAsync("/api/api-keys", new { name = "Power BI finance workspace" });
        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        var body = (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
        var key = body["key"]!.GetValue<string>();
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add(body["header"]!.GetValue<string>(), key);
        return (client, body["apiKey"]!["id"]!.GetValue<string>(), key);
    }

    [Fact]
    public async Task Metadata_ParsesWithCsdlReader_AndNamesEveryEntitySet()
    {
        var (client, _, _) = await KeyClientAsync();

        var metadata = await client.GetStringAsync("/odata/$metadata");

        using var reader = XmlReader.Create(new StringReader(metadata));
        CsdlReader.TryParse(reader, out IEdmModel model, out var errors).ShouldBeTrue(string.Join("; ", errors ?? []));
        var sets = model.EntityContainer.EntitySets().ToDictionary(s => s.Name, s => s.EntityType);
        sets.Keys.Order(StringComparer.Ordinal).ShouldBe(["Agreements", "Exceptions", "Findings", "KpiSeries", "LeakageFacts", "TimeEntries"]);
        sets["Exceptions"].FindProperty("Amount").Type.IsDecimal().ShouldBeTrue();
        sets["TimeEntries"].Key().Single().Name.ShouldBe("Id");
        sets["LeakageFacts"].FindProperty("Amount").Type.IsDecimal().ShouldBeTrue();
        sets["LeakageFacts"].FindProperty("Date").Type.IsDate().ShouldBeTrue();
    }

    [Fact]
    public async Task TimeEntries_PagedByTheServer_FollowingNextLink_ReturnsEveryEntryOnce()
    {
        var (client, _, _) = await KeyClientAsync();
        var counts = (await (await host.ClientForAsync("auditor@demo.local")).GetFromJsonAsync<JsonObject>("/api/psa/counts"))!;
        var expected = counts["TimeEntry"]!.GetValue<int>();

        var ids = new List<int>();
        var pages = 0;
        string? next = "/odata/TimeEntries?$select=Id,ActualHours&$orderby=Id";
        while (next is not null)
        {
            var page = (await client.GetFromJsonAsync<JsonObject>(next))!;
            var values = page["value"]!.AsArray();
            values.Count.ShouldBeLessThanOrEqualTo(1000);
            values[0]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).ShouldBe(["ActualHours", "Id"]);
            ids.AddRange(values.Select(v => v!["Id"]!.GetValue<int>()));
            next = page["@odata.nextLink"]?.GetValue<string>();
            pages++;
        }

        expected.ShouldBeGreaterThan(10_000);
        ids.Count.ShouldBe(expected);
        ids.ShouldBe(ids.Order().Distinct().ToList());
        pages.ShouldBe((expected + 999) / 1000);
    }

    [Fact]
    public async Task FilterAndTop_OnLeakageFacts_AndTheKeyReadsNothingElse_UntilRevoked()
    {
        var (client, id, key) = await KeyClientAsync();

        var page = (await client.GetFromJsonAsync<JsonObject>("/odata/LeakageFacts?$filter=Measure eq 'write-off' and Amount gt 0&$orderby=Amount desc&$top=5"))!;

        var amounts = page["value"]!.AsArray().Select(v => v!["Amount"]!.GetValue<decimal>()).ToList();
        amounts.Count.ShouldBe(5);
        amounts.ShouldBe(amounts.OrderByDescending(a => a).ToList());
        page["value"]!.AsArray().ShouldAllBe(v => v!["Measure"]!.GetValue<string>() == "write-off");
        (await client.GetAsync("/api/kpis")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await client.GetAsync("/api/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var stored = await host.WithDbAsync(db => db.Set<ApiKeyRow>().AsNoTracking().SingleAsync(k => k.Id == id));
        stored.SecretHash.ShouldNotBe(key);
        key.ShouldNotContain(stored.SecretHash);

        var revoked = await (await host.ClientForAsync("admin@demo.local")).DeleteAsync($"/api/api-keys/{id}");
        revoked.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/odata/LeakageFacts?$top=1")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Exports_CsvAndParquet_HoldTheSameRowsAsTheFeed()
    {
        var (client, _, _) = await KeyClientAsync();
        var count = (await client.GetFromJsonAsync<JsonObject>("/odata/LeakageFacts?$count=true&$top=1"))!["@odata.count"]!.GetValue<int>();

        var csv = await client.GetStringAsync("/api/exports/LeakageFacts.csv");
        var parquet = await client.GetByteArrayAsync("/api/exports/leakagefacts.parquet");

        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("Id,Measure,Date,WeekStart,CompanyId,Company,AgreementId,ServiceLine,Amount,Hours");
        (lines.Length - 1).ShouldBe(count);
        await using var reader = await ParquetReader.CreateAsync(new MemoryStream(parquet));
        var rows = 0L;
        for (var i = 0; i < reader.RowGroupCount; i++)
        {
            using var group = reader.OpenRowGroupReader(i);
            rows += group.RowCount;
        }

        rows.ShouldBe(count);
        reader.Schema.GetDataFields().Select(f => f.Name).ShouldContain("Amount");
        (await client.GetAsync("/api/exports/LeakageFacts.xlsx")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/exports/Secrets.csv")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Exceptions_FilterSelectOrderByTopAndPaging_MatchTheExceptionsApi_AndFollowDecisions()
    {
        var (client, _, _) = await KeyClientAsync();
        var service = await host.ClientForAsync("service@demo.local");
        var instance = await service.StartAsync(TestWorkflows.Exceptions.DefinitionId);
        await service.WaitForTaskAsync(instance.Id(), "disposition");
        var api = (await service.GetFromJsonAsync<JsonObject>($"/api/exceptions?instanceId={instance.Id()}&pageSize=200"))!;
        var expected = api["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        expected.Count.ShouldBe(api["total"]!.GetValue<int>());
        var filter = $"InstanceId eq '{instance.Id()}'";

        var top = (await client.GetFromJsonAsync<JsonObject>($"/odata/Exceptions?$filter={filter} and Status eq 'Open' and Amount gt 100&$select=Id,Amount,RoutedRole&$orderby=Amount desc,Id&$top=5&$count=true"))!;
        var ids = new List<string>();
        for (var skip = 0; ; skip += 7)
        {
            var page = (await client.GetFromJsonAsync<JsonObject>($"/odata/Exceptions?$filter={filter}&$orderby=Id&$top=7&$skip={skip}"))!["value"]!.AsArray();
            ids.AddRange(page.Select(v => v!["Id"]!.GetValue<string>()));
            if (page.Count < 7)
            {
                break;
            }
        }

        var large = expected.Where(e => e["amount"]!.GetValue<decimal>() > 100).OrderByDescending(e => e["amount"]!.GetValue<decimal>()).ThenBy(e => e.Id(), StringComparer.Ordinal).ToList();
        top["@odata.count"]!.GetValue<int>().ShouldBe(large.Count);
        var values = top["value"]!.AsArray();
        values.Select(v => v!["Id"]!.GetValue<string>()).ShouldBe(large.Take(5).Select(e => e.Id()));
        values.Select(v => v!["Amount"]!.GetValue<decimal>()).ShouldBe(large.Take(5).Select(e => e["amount"]!.GetValue<decimal>()));
        values.ShouldAllBe(v => v!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal).SequenceEqual(new[] { "Amount", "Id", "RoutedRole" }));
        ids.ShouldBe(expected.Select(e => e.Id()).Order(StringComparer.Ordinal));

        var decided = expected.First(e => e["routedRole"]!.GetValue<string>() == "ServiceManager" && e["amount"]!.GetValue<decimal>() <= 500);
        (await service.PostAsJsonAsync($"/api/exceptions/{decided.Id()}/disposition", new { disposition = "write-off", reason = "goodwill, agreed with the customer" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var writeOffs = (await client.GetFromJsonAsync<JsonObject>($"/odata/Exceptions?$filter={filter} and Disposition eq 'write-off'"))!["value"]!.AsArray();
        writeOffs.Select(v => (v!["Id"]!.GetValue<string>(), v["Status"]!.GetValue<string>(), v["DecidedBy"]!.GetValue<string>())).ShouldBe([(decided.Id(), "Closed", "service@demo.local")]);
        writeOffs[0]!["SourceLink"]!.GetValue<string>().ShouldBe(decided["sourceLinks"]!.AsArray()[0]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/odata/TimeEntries?$filter=NoSuchField eq 1")]
    [InlineData("/odata/TimeEntries?$filter=Status eq")]
    [InlineData("/odata/TimeEntries?$orderby=Id desc desc")]
    [InlineData("/odata/TimeEntries?$top=-1")]
    [InlineData("/odata/TimeEntries?$filter=length(Status) div 0 eq 1")]
    [InlineData("/odata/TimeEntries?$filter=length(Status) mod 0 eq 1")]
    public async Task BadQuery_IsA400Problem_WithTheReason_AndNoStackTraceOrInnerError(string query)
    {
        var (client, _, _) = await KeyClientAsync();

        var response = await client.GetAsync(query);

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(body)!.AsObject();
        problem["status"]!.GetValue<int>().ShouldBe(400);
        problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
        body.ShouldNotContain("innererror", Case.Insensitive);
        body.ShouldNotContain("stacktrace", Case.Insensitive);
        body.ShouldNotContain(" at Microsoft.", Case.Sensitive);
        body.ShouldNotContain(" at System.", Case.Sensitive);
    }

    [Fact]
    public async Task IssuingKeys_IsAdminOnly_AndNeedsAName()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var admin = await host.ClientForAsync("admin@demo.local");

        (await finance.PostAsJsonAsync("/api/api-keys", new { name = "mine" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var nameless = await admin.PostAsJsonAsync("/api/api-keys", new { });
        nameless.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await nameless.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().ContainsKey("name").ShouldBeTrue();
        var anonymous = host.CreateClient();
        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "bo_000000000000_" + new string('a', 64));
        (await anonymous.GetAsync("/odata/Agreements")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public sealed class FeedTestsOnSqlite(SqliteDemoProductHost host) : FeedTests(host), IClassFixture<SqliteDemoProductHost>;
