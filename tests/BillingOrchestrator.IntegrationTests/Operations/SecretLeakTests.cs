using System.Collections.Concurrent;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Integrations.Tests.Support;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Operations;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace BillingOrchestrator.IntegrationTests.Operations;

/// <summary>
/// Secrets never leak: a full cycle runs with known secret values configured (ConnectWise keys and client id, an API
/// key, the demo password, the SMTP password, the webhook URL's token, the token-signing key), then everything the
/// product wrote is searched for them: every log line, every file under the data directory (the SQLite database
/// included: it holds only hashes of passwords and API keys, so the raw value must not be in its bytes either), every
/// HTTP response body, the text of every PDF (also inside ZIPs), every email and webhook post.
/// </summary>
public sealed class SecretLeakTests
{
    private const string CompanyId = "leakco";
    private const string PublicKey = "PUBk3y5ecretQx7Z";
    private const string PrivateKey = "PRIVk3y5ecretWv9R";
    private const string ClientId = "c11e47-5ecret-4b1d-9a0f";
    private const string SmtpPassword = "Smtp-5ecret-Pw4rd";
    private static readonly string SigningKey = Convert.ToBase64String(Encoding.ASCII.GetBytes("signing-key-5ecret-for-the-leak-test-000000000000"));

    [Fact]
    public async Task FullCycle_WithKnownSecrets_LeavesNoSecretInLogsFilesResponsesPdfsOrMessages()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabaseKind.Sqlite);
        await using var stub = await ConnectWiseStub.StartAsync();
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{CompanyId}+{PublicKey}:{PrivateKey}"));
        stub.ServeFixtureSite().AcceptedAuthorization = "Basic " + basic;
        await using var smtp = new LoopbackSmtpServer();
        await smtp.StartAsync();
        await using var webhook = new LoopbackWebhook();
        await webhook.StartAsync();
        var settings = NotificationDeliveryTests.Channels(smtp, webhook);
        settings["Notifications:Smtp:UserName"] = "billing-bot";
        settings["Notifications:Smtp:Password"] = SmtpPassword;
        settings["ConnectWise:BaseUrl"] = stub.BaseUrl.ToString();
        settings["ConnectWise:CompanyId"] = CompanyId;
        settings["ConnectWise:PublicKey"] = PublicKey;
        settings["ConnectWise:PrivateKey"] = PrivateKey;
        settings["ConnectWise:ClientId"] = ClientId;
        settings["ConnectWise:MaxRetries"] = "0";
        settings["Auth:JwtSigningKey"] = SigningKey;
        var responses = new ConcurrentQueue<Captured>();
        var host = new OperationsHost(database, OperationsWorkflows.Directory(), settings);
        string apiKey;
        try
        {
            var psa = await SignInAsync(host, responses, "psa-admin@demo.local");
            var finance = await SignInAsync(host, responses, OperationsHost.Finance);
            var service = await SignInAsync(host, responses, OperationsHost.Service);
            var admin = await SignInAsync(host, responses, OperationsHost.Admin);

            // PSA sync from the stub, which checks the keys and sees the client id; then once with the keys refused,
            // where the stub's 401 body echoes the public key the way a server might.
            (await psa.PostAsJsonAsync("/api/psa/sync", new { mode = "full" })).StatusCode.ShouldBe(HttpStatusCode.OK);
            stub.RequestsTo("company/companies").ShouldNotBeEmpty();
            stub.Requests.ShouldAllBe(r => r.ClientId == ClientId);
            stub.AcceptedAuthorization = "Basic somebody-else";
            await psa.PostAsJsonAsync("/api/psa/sync", new { mode = "full" });
            stub.AcceptedAuthorization = "Basic " + basic;

            // Validation over the synced data (the exports read its findings), judged by the default coding standard.
            await host.WithScopeAsync(async services =>
            {
                await services.GetRequiredService<CatalogStore>().SaveCodingStandardAsync(DefaultCodingStandards.Create(new DateOnly(2026, 1, 1)), CancellationToken.None);
                return true;
            });
            var run = await service.PostAsJsonAsync("/api/validation-runs", new { });
            run.StatusCode.ShouldBe(HttpStatusCode.Created, await run.Content.ReadAsStringAsync());

            // An API key: shown once at creation (that response is the one place it may appear), then used for the feed and exports.
            var issued = await admin.PostAsJsonAsync("/api/api-keys", new { name = "leak test" });
            var issuedBody = (await issued.Content.ReadFromJsonAsync<JsonObject>())!;
            apiKey = issuedBody["key"]!.GetValue<string>();
            responses.Enqueue(new Captured("POST /api/api-keys (creation)", "application/json", [], Exempt: true));
            var feed = Client(host, responses);
            feed.DefaultRequestHeaders.Add(issuedBody["header"]!.GetValue<string>(), apiKey);
            foreach (var set in new[] { "LeakageFacts", "Findings", "KpiSeries", "Agreements", "TimeEntries" })
            {
                (await feed.GetAsync($"/api/exports/{set}.csv")).StatusCode.ShouldBe(HttpStatusCode.OK);
                (await feed.GetAsync($"/api/exports/{set}.parquet")).StatusCode.ShouldBe(HttpStatusCode.OK);
            }

            (await feed.GetAsync("/odata/Agreements")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var wrongKey = Client(host, responses);
            wrongKey.DefaultRequestHeaders.Add(issuedBody["header"]!.GetValue<string>(), apiKey[..^4] + "0000");
            (await wrongKey.GetAsync("/odata/Agreements")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

            // A workflow with notifications, a task and a quality gate approved with evidence: a PDF brief and an audit pack.
            var instance = await finance.StartAsync(OperationsWorkflows.NotifyThenTasks);
            (await service.CompleteAsync(await service.WaitForTaskAsync(instance.Id(), "check"), "Done")).StatusCode.ShouldBe(HttpStatusCode.OK);
            var gate = await finance.WaitForTaskAsync(instance.Id(), "gate");
            using var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(Encoding.UTF8.GetBytes("agreement,finding\n10,missing time\n"));
            file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
            form.Add(file, "file", "findings.csv");
            form.Add(new StringContent("gate"), "activityId");
            var evidence = (await (await service.PostAsync($"/api/workflow-instances/{instance.Id()}/evidence", form)).Content.ReadFromJsonAsync<JsonObject>())!;
            (await finance.CompleteAsync(gate, "Approved", new { evidence = new { report = evidence.Id() } })).StatusCode.ShouldBe(HttpStatusCode.OK);
            var briefs = (await finance.GetFromJsonAsync<JsonArray>($"/api/workflow-instances/{instance.Id()}/briefs"))!;
            briefs.ShouldNotBeEmpty();
            foreach (var brief in briefs)
            {
                (await finance.GetAsync($"/api/briefs/{brief!["id"]}")).Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
            }

            (await finance.GetAsync("/api/dashboards/leakage/pdf")).IsSuccessStatusCode.ShouldBeTrue();
            (await finance.GetAsync($"/api/workflow-instances/{instance.Id()}/audit-pack")).IsSuccessStatusCode.ShouldBeTrue();
            (await admin.GetAsync("/api/audit/verify")).IsSuccessStatusCode.ShouldBeTrue();

            // Bad requests: a wrong sign-in carrying a real password, a broken body, a bad definition.
            var anonymous = Client(host, responses);
            (await anonymous.PostAsJsonAsync("/api/auth/token", new { email = "nobody@demo.local", password = ProductHost.DemoPassword })).IsSuccessStatusCode.ShouldBeFalse();
            (await anonymous.PostAsync("/api/auth/token", new StringContent($"{{\"email\":\"finance@demo.local\",\"password\":\"{ProductHost.DemoPassword}\"", Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await admin.PostAsync("/api/workflow-definitions/", new StringContent("{\"definitionId\":", Encoding.UTF8, "application/json"))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await psa.PostAsJsonAsync("/api/psa/import", new { folder = "../keys" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

            // The notifications were attempted: email fails on authentication (the loopback server offers none), the webhook is posted.
            await Eventually.ReturnsAsync(() => Task.FromResult(webhook.Posts.Count), n => n >= 1, "a webhook post");
            await Eventually.ReturnsAsync(
                () => NotificationDeliveryTests.NotificationsAsync(finance, $"instanceId={instance.Id()}"),
                list => list.Any(n => n!["channel"]?.GetValue<string>() == "Email" && n["attempts"]!.GetValue<int>() >= 1),
                "an email delivery attempted");
        }
        finally
        {
            await host.DisposeAsync();
        }

        var secrets = new Dictionary<string, string>
        {
            ["ConnectWise public key"] = PublicKey,
            ["ConnectWise private key"] = PrivateKey,
            ["ConnectWise client id"] = ClientId,
            ["ConnectWise Basic credentials"] = basic,
            ["SMTP password"] = SmtpPassword,
            ["webhook token"] = LoopbackWebhook.Token,
            ["demo password"] = ProductHost.DemoPassword,
            ["API key"] = apiKey,
            ["token-signing key"] = SigningKey,
        };
        var found = new List<string>();
        void Search(string where, string text)
        {
            found.AddRange(secrets.Where(s => text.Contains(s.Value, StringComparison.Ordinal)).Select(s => $"{s.Key} in {where}"));
        }

        // The search itself finds a secret as UTF-8 and as UTF-16 (how SQLite may store text); otherwise this test proves nothing.
        SearchBytes("probe", Encoding.UTF8.GetBytes("x" + PrivateKey), Search);
        SearchBytes("probe", Encoding.Unicode.GetBytes("y" + SmtpPassword + "y"), Search);
        found.ShouldBe(["ConnectWise private key in probe", "SMTP password in probe (UTF-16)"]);
        found.Clear();

        foreach (var line in host.Logs.Lines)
        {
            Search($"log line '{line[..Math.Min(line.Length, 200)]}'", line);
        }

        host.Logs.Lines.Count.ShouldBeGreaterThan(100, "the logs were captured");
        var files = Directory.GetFiles(database.DataDirectory, "*", SearchOption.AllDirectories);
        files.ShouldContain(f => f.EndsWith("billing.db", StringComparison.Ordinal));
        foreach (var path in files)
        {
            SearchBytes($"file {Path.GetRelativePath(database.DataDirectory, path)}", File.ReadAllBytes(path), Search);
        }

        foreach (var response in responses.Where(r => !r.Exempt))
        {
            SearchBytes($"response to {response.Request}", response.Body, Search);
        }

        responses.Count(r => r.ContentType == "application/pdf").ShouldBeGreaterThanOrEqualTo(2, "brief and dashboard PDFs were read");
        foreach (var mail in smtp.Received)
        {
            Search($"email '{mail.Subject}'", mail.ToString());
        }

        foreach (var post in webhook.Posts)
        {
            Search("webhook post", post.ToJsonString());
        }

        found.Distinct().ShouldBeEmpty();
    }

    /// <summary>Raw bytes as UTF-8 and UTF-16, the text of a PDF, and each entry of a ZIP the same way.</summary>
    private static void SearchBytes(string where, byte[] bytes, Action<string, string> search)
    {
        search(where, Encoding.UTF8.GetString(bytes));
        search(where + " (UTF-16)", Encoding.Unicode.GetString(bytes));
        if (bytes.AsSpan().StartsWith("%PDF-"u8))
        {
            using var pdf = PdfDocument.Open(bytes);
            search(where + " (PDF text)", string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)));
        }
        else if (bytes.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            foreach (var entry in zip.Entries)
            {
                using var content = new MemoryStream();
                using (var stream = entry.Open())
                {
                    stream.CopyTo(content);
                }

                SearchBytes($"{where} entry {entry.FullName}", content.ToArray(), search);
            }
        }
    }

    private static async Task<HttpClient> SignInAsync(OperationsHost host, ConcurrentQueue<Captured> responses, string email)
    {
        var client = Client(host, responses);
        var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password = ProductHost.DemoPassword });
        response.EnsureSuccessStatusCode();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", (await response.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!.GetValue<string>());
        return client;
    }

    private static HttpClient Client(OperationsHost host, ConcurrentQueue<Captured> responses) => host.CreateDefaultClient(new Recorder(responses));

    private sealed record Captured(string Request, string? ContentType, byte[] Body, bool Exempt = false);

    /// <summary>Keeps every response body (and headers, as text) the product sends to the test's clients.</summary>
    private sealed class Recorder(ConcurrentQueue<Captured> responses) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            var exempt = request.Method == HttpMethod.Post && request.RequestUri!.AbsolutePath.TrimEnd('/') == "/api/api-keys";
            var headers = Encoding.UTF8.GetBytes(response.Headers.ToString() + response.Content.Headers);
            responses.Enqueue(new Captured($"{request.Method} {request.RequestUri!.PathAndQuery} (headers)", null, headers));
            responses.Enqueue(new Captured($"{request.Method} {request.RequestUri.PathAndQuery}", response.Content.Headers.ContentType?.MediaType, body, exempt));
            var copy = new ByteArrayContent(body);
            foreach (var header in response.Content.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            response.Content = copy;
            return response;
        }
    }
}
