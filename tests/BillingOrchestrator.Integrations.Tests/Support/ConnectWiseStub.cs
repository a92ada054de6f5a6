using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BillingOrchestrator.Integrations.Tests.Support;

/// <summary>
/// A ConnectWise PSA stand-in on 127.0.0.1 (Kestrel, random port) speaking the real wire format: records with
/// <c>_info</c>, <c>page</c>/<c>pageSize</c> paging with RFC 8288 <c>Link</c> headers like ConnectWise's,
/// <c>conditions=lastUpdated&gt;[...]</c>, Basic auth checked against one key pair, and queued faults (429 with
/// Retry-After, 500, raw bodies) per endpoint. Every request is recorded.
/// </summary>
public sealed partial class ConnectWiseStub : IAsyncDisposable
{
    public const string CodebasePath = "/v4_6_release/apis/3.0/";

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, JsonArray> data = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<Func<HttpContext, Task>>> faults = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<RecordedRequest> requests = new();
    private readonly ConcurrentDictionary<string, int> pageFaults = new(StringComparer.OrdinalIgnoreCase);

    private ConnectWiseStub(WebApplication app)
    {
        this.app = app;
    }

    /// <summary>The API root, as <c>ConnectWise:BaseUrl</c> takes it.</summary>
    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>The site root, as <c>ConnectWise:Site</c> takes it for company info.</summary>
    public Uri SiteUrl { get; private set; } = null!;

    /// <summary>The only <c>Authorization</c> value accepted; anything else gets 401. Null accepts all.</summary>
    public string? AcceptedAuthorization { get; set; }

    public IReadOnlyList<RecordedRequest> Requests => [.. requests];

    public static async Task<ConnectWiseStub> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var stub = new ConnectWiseStub(app);
        app.Run(stub.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        stub.SiteUrl = new Uri(address.TrimEnd('/') + "/");
        stub.BaseUrl = new Uri(stub.SiteUrl, CodebasePath.TrimStart('/'));
        return stub;
    }

    /// <summary>Serves the fixture site: every export file at its endpoint, sub-resources per agreement.</summary>
    public ConnectWiseStub ServeFixtureSite()
    {
        Serve("company/companies", Fixtures.Load("companies.json"));
        Serve("system/members", Fixtures.Load("members.json"));
        Serve("time/workTypes", Fixtures.Load("work-types.json"));
        Serve("time/workRoles", Fixtures.Load("work-roles.json"));
        Serve("finance/agreementTypes", Fixtures.Load("agreement-types.json"));
        var agreements = Fixtures.Load("agreements.json");
        Serve("finance/agreements", agreements);
        foreach (var (file, child) in new[]
        {
            ("agreement-additions.json", "additions"), ("agreement-work-type-exclusions.json", "workTypeExclusions"),
            ("agreement-work-role-exclusions.json", "workRoleExclusions"), ("agreement-work-types.json", "workTypes"), ("agreement-work-roles.json", "workRoles"),
        })
        {
            var items = Fixtures.Load(file);
            foreach (var agreement in agreements)
            {
                var id = (int)agreement!["id"]!;
                Serve($"finance/agreements/{id}/{child}", new JsonArray([.. items.Where(i => (int)i!["agreementId"]! == id).Select(i => i!.DeepClone())]));
            }
        }

        Serve("service/tickets", Fixtures.Load("tickets.json"));
        Serve("time/entries", Fixtures.Load("time-entries.json"));
        Serve("finance/invoices", Fixtures.Load("invoices.json"));
        return this;
    }

    public ConnectWiseStub Serve(string endpoint, JsonArray items)
    {
        data[endpoint.Trim('/')] = items;
        return this;
    }

    /// <summary>The next <paramref name="times"/> requests to <paramref name="endpoint"/> get <paramref name="status"/>.</summary>
    public ConnectWiseStub Fail(string endpoint, int times, HttpStatusCode status, string? retryAfter = null, string? jsonBody = null)
    {
        for (var i = 0; i < times; i++)
        {
            Enqueue(endpoint, async context =>
            {
                context.Response.StatusCode = (int)status;
                if (retryAfter is not null)
                {
                    context.Response.Headers.RetryAfter = retryAfter;
                }

                if (jsonBody is not null)
                {
                    context.Response.ContentType = "application/json; charset=utf-8";
                    await context.Response.WriteAsync(jsonBody);
                }
            });
        }

        return this;
    }

    /// <summary>The next <paramref name="times"/> requests for page <paramref name="page"/> of <paramref name="endpoint"/> get 500.</summary>
    public ConnectWiseStub FailPage(string endpoint, int page, int times)
    {
        pageFaults[$"{endpoint.Trim('/')}#{page}"] = times;
        return this;
    }

    /// <summary>The next request to <paramref name="endpoint"/> gets this body with 200.</summary>
    public ConnectWiseStub RespondRaw(string endpoint, string body, string contentType = "application/json; charset=utf-8") =>
        Enqueue(endpoint, async context =>
        {
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        });

    public ConnectWiseStub Enqueue(string endpoint, Func<HttpContext, Task> respond)
    {
        faults.GetOrAdd(endpoint.Trim('/'), _ => new ConcurrentQueue<Func<HttpContext, Task>>()).Enqueue(respond);
        return this;
    }

    public IReadOnlyList<RecordedRequest> RequestsTo(string endpoint) => [.. Requests.Where(r => r.Endpoint.Equals(endpoint, StringComparison.OrdinalIgnoreCase))];

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var endpoint = path.StartsWith(CodebasePath, StringComparison.OrdinalIgnoreCase) ? path[CodebasePath.Length..].Trim('/') : path.Trim('/');
        requests.Enqueue(new RecordedRequest(
            endpoint,
            context.Request.QueryString.Value ?? "",
            context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            context.Request.Headers.Authorization.ToString(),
            context.Request.Headers["clientId"].ToString()));

        if (endpoint.StartsWith("login/companyinfo/", StringComparison.OrdinalIgnoreCase))
        {
            await CompanyInfoAsync(context, endpoint["login/companyinfo/".Length..]);
            return;
        }

        if (AcceptedAuthorization is not null && context.Request.Headers.Authorization.ToString() != AcceptedAuthorization)
        {
            // ConnectWise answers a bad or expired key with 401 and a JSON error; echo the public key the way
            // a server might, so tests prove the client redacts it.
            var publicKey = PublicKeyOf(context.Request.Headers.Authorization.ToString());
            context.Response.StatusCode = 401;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync($$"""{"code":"Unauthorized","message":"API key {{publicKey}} is not authorized or has expired"}""");
            return;
        }

        if (faults.TryGetValue(endpoint, out var queue) && queue.TryDequeue(out var fault))
        {
            await fault(context);
            return;
        }

        var pageKey = $"{endpoint}#{context.Request.Query["page"]}";
        if (pageFaults.TryGetValue(pageKey, out var left) && left > 0)
        {
            pageFaults[pageKey] = left - 1;
            context.Response.StatusCode = 500;
            return;
        }

        if (!data.TryGetValue(endpoint, out var items))
        {
            context.Response.StatusCode = 404;
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync("""{"code":"NotFound","message":"Cannot find the requested resource"}""");
            return;
        }

        await PageAsync(context, endpoint, items);
    }

    private async Task PageAsync(HttpContext context, string endpoint, JsonArray items)
    {
        var query = context.Request.Query;
        var conditions = query["conditions"].ToString();
        IEnumerable<JsonNode?> selected = items;
        if (conditions.Length > 0)
        {
            var match = LastUpdatedAfter().Match(conditions);
            if (!match.Success)
            {
                context.Response.StatusCode = 400;
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync("""{"code":"InvalidObject","message":"conditions is invalid","errors":[{"code":"InvalidField","message":"Unknown field in conditions","resource":"conditions"}]}""");
                return;
            }

            var since = DateTimeOffset.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            selected = items.Where(i => DateTimeOffset.Parse((string)i!["_info"]!["lastUpdated"]!, CultureInfo.InvariantCulture) > since);
        }

        var all = selected.ToList();
        var pageSize = int.TryParse(query["pageSize"], out var size) ? Math.Clamp(size, 1, 1000) : 25;
        var page = int.TryParse(query["page"], out var number) ? Math.Max(1, number) : 1;
        var lastPage = Math.Max(1, (all.Count + pageSize - 1) / pageSize);
        var links = new List<string>();
        string Link(int p, string rel) =>
            $"<{BaseUrl}{endpoint}?{(conditions.Length > 0 ? "conditions=" + Uri.EscapeDataString(conditions) + "&" : "")}pageSize={pageSize}&page={p}>; rel=\"{rel}\"";
        if (page > 1)
        {
            links.Add(Link(1, "first"));
            links.Add(Link(page - 1, "prev"));
        }

        if (page < lastPage)
        {
            links.Add(Link(page + 1, "next"));
            links.Add(Link(lastPage, "last"));
        }

        if (links.Count > 0)
        {
            context.Response.Headers.Link = string.Join(", ", links);
        }

        var body = new JsonArray([.. all.Skip((page - 1) * pageSize).Take(pageSize).Select(i => i!.DeepClone())]);
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(body.ToJsonString());
    }

    private static async Task CompanyInfoAsync(HttpContext context, string companyId)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        if (!companyId.Equals("contoso", StringComparison.OrdinalIgnoreCase))
        {
            await context.Response.WriteAsync("null");
            return;
        }

        await context.Response.WriteAsync("""
            {"CompanyName":"Contoso MSP","Codebase":"v4_6_release/","VersionCode":"v2025.1","VersionNumber":"v4.6.12345","CompanyID":"contoso","IsCloud":true,"SiteUrl":"na.myconnectwise.net"}
            """);
    }

    private static string PublicKeyOf(string authorization)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(authorization["Basic ".Length..]));
            var plus = decoded.IndexOf('+', StringComparison.Ordinal);
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return decoded[(plus + 1)..colon];
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return "(unreadable)";
        }
    }

    [GeneratedRegex(@"^\s*lastUpdated\s*>\s*\[([^\]]+)\]\s*$")]
    private static partial Regex LastUpdatedAfter();
}

/// <summary>What the stub received: the API path, the raw query string, the decoded query, and the two auth headers.</summary>
public sealed record RecordedRequest(string Endpoint, string RawQuery, IReadOnlyDictionary<string, string> Query, string Authorization, string ClientId);
