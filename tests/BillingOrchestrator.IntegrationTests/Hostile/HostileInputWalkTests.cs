using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace BillingOrchestrator.IntegrationTests.Hostile;

/// <summary>
/// Every endpoint the API describes (and the OData feed), called by an admin with hostile values in every route
/// parameter, query parameter and body field: the product answers each without a server error, without a stack trace,
/// and a refusal changes nothing stored.
/// </summary>
public sealed partial class HostileInputWalkTests(HostileWalkHost host, ITestOutputHelper output) : IClassFixture<HostileWalkHost>
{
    // Signing out ends the walking admin's own session; SecurityTests cover it.
    private static readonly HashSet<string> NotWalked = new(StringComparer.Ordinal) { "POST /api/auth/logout" };

    // The record of every PSA import and sync keeps failed attempts too: that is the point of it.
    private static readonly HashSet<string> AttemptLogs = new(StringComparer.Ordinal) { "psa_syncs" };

    private static readonly string[] ODataSets = ["LeakageFacts", "Findings", "KpiSeries", "Agreements", "TimeEntries", "Exceptions"];

    [Fact]
    public async Task EveryEndpoint_WithHostileValuesInEveryField_AnswersWithoutServerErrorsOrStackTraces_AndRefusalsChangeNothing()
    {
        var admin = await host.ClientForAsync("admin@demo.local");
        var operations = ApiOperation.FromOpenApi((await admin.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!)
            .Concat(ODataSets.Select(set => new ApiOperation("GET", $"/odata/{set}", [], ["$filter", "$select", "$orderby", "$top", "$skip", "$count"], BodyKind.None, [])))
            .Where(o => !NotWalked.Contains(o.ToString()))
            .ToList();
        MappedApiRoutes().ShouldBeSubsetOf(operations.Select(o => o.ToString()).Concat(NotWalked));

        var failures = new List<string>();
        var fingerprint = await FingerprintAsync();
        var requests = 0;
        foreach (var operation in operations)
        {
            foreach (var (describe, build) in Requests(operation))
            {
                requests++;
                using var response = await SendAsync(admin, build());
                if (response is null)
                {
                    continue;
                }

                var body = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                var after = await FingerprintAsync();
                if (status >= 500)
                {
                    failures.Add($"{operation} {describe}: {status} {Shorten(body)}");
                }

                if (StackTrace().IsMatch(body))
                {
                    failures.Add($"{operation} {describe}: internals in the response {Shorten(body)}");
                }

                if (status is >= 400 and < 500 && after != fingerprint)
                {
                    failures.Add($"{operation} {describe}: refused with {status} but stored rows changed ({fingerprint} -> {after})");
                }

                if (status is 400 or 409 or 413 && !IsProblem(response, body))
                {
                    failures.Add($"{operation} {describe}: {status} without a problem detail {Shorten(body)}");
                }

                fingerprint = after;
            }
        }

        output.WriteLine($"{operations.Count} operations, {requests} requests, {failures.Count} failures");
        failures.ForEach(output.WriteLine);
        failures.ShouldBeEmpty();
        (await admin.GetAsync("/api/auth/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!["intact"]!.GetValue<bool>().ShouldBeTrue();
    }

    private static IEnumerable<(string Describe, Func<HttpRequestMessage> Build)> Requests(ApiOperation operation)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in HostileValues.Text)
        {
            var url = operation.Url(value);
            var describe = $"value {Shorten(value)}";
            switch (operation.Body)
            {
                case BodyKind.Form:
                    yield return (describe, () => Request(operation.Method, url, Form(operation.BodyFields, value)));
                    break;
                case BodyKind.Json:
                    yield return (describe, () => Request(operation.Method, url, Json("{}")));
                    break;
                default:
                    if (seen.Add(url))
                    {
                        yield return (describe, () => Request(operation.Method, url, null));
                    }

                    break;
            }
        }

        if (operation.Body != BodyKind.Json)
        {
            yield break;
        }

        var plain = operation.Url("1");
        foreach (var token in HostileValues.JsonTokens)
        {
            var body = "{" + string.Join(',', operation.BodyFields.Select(f => $"\"{f}\":{token}")) + "}";
            yield return ($"every field = {Shorten(token)}", () => Request(operation.Method, plain, Json(body)));
        }

        foreach (var body in HostileValues.JsonBodies)
        {
            yield return ($"body {Shorten(body)}", () => Request(operation.Method, plain, Json(body)));
        }
    }

    // The in-memory test client cannot carry a NUL in a path at all (Kestrel refuses such a request line with 400).
    private static async Task<HttpResponseMessage?> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        try
        {
            return await client.SendAsync(request);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("null characters", StringComparison.Ordinal))
        {
            return null;
        }
    }

    private static HttpRequestMessage Request(string method, string url, HttpContent? content) =>
        new(new HttpMethod(method), url) { Content = content };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static MultipartFormDataContent Form(IReadOnlyList<string> fields, string value)
    {
        var form = new MultipartFormDataContent();
        foreach (var field in fields.Where(f => f != "file"))
        {
            form.Add(new StringContent(value), field);
        }

        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        // filename* (RFC 5987) carries any text, quotes and control characters included.
        file.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"file\"", FileNameStar = string.IsNullOrEmpty(value) ? "empty" : value.Length > 200 ? value[..200] : value };
        form.Add(file);
        return form;
    }

    /// <summary>Every table's row count in one query: a refusal must leave all of them as they were.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        var tables = db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Where(t => !AttemptLogs.Contains(t)).Distinct().Order(StringComparer.Ordinal);
        var sql = "SELECT " + string.Join(" || ',' || ", tables.Select(t => $"(SELECT count(*) FROM \"{t}\")"));
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private HashSet<string> MappedApiRoutes() =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Select(r => RouteConstraint().Replace(r, "{$1}").TrimEnd('/'))
            .ToHashSet(StringComparer.Ordinal);

    private static bool IsProblem(HttpResponseMessage response, string body) =>
        response.Content.Headers.ContentType?.MediaType == "application/problem+json" && JsonNode.Parse(body)?["title"] is not null;

    private static string Shorten(string text) => text.Length > 80 ? text[..80] + "…" : text;

    [GeneratedRegex(@"(\bat [A-Za-z_][\w.`<>]+\(|stacktrace|innererror|\.cs:line \d+)", RegexOptions.IgnoreCase)]
    private static partial Regex StackTrace();

    [GeneratedRegex(@"\{([^}:?]+)[^}]*\}")]
    private static partial Regex RouteConstraint();
}

/// <summary>The product's own definitions on a fresh SQLite database, with nothing in the background that writes.</summary>
public sealed class HostileWalkHost() : ProductHost(TestDatabaseKind.Sqlite)
{
    protected override bool LoadProductWorkflows => true;

    protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Scheduling:Enabled", "false");
        builder.UseSetting("Escalation:RunScanner", "false");
    }
}
