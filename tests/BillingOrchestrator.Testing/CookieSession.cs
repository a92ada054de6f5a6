using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace BillingOrchestrator.Testing;

/// <summary>
/// A browser's session against the API, by hand: signs in with <c>POST /api/auth/login</c>, keeps the cookies it is
/// given (<see cref="CookieHeader"/> can be copied to another client), and sends changes with the antiforgery token
/// from <c>GET /api/auth/antiforgery</c> in <c>X-CSRF-TOKEN</c>, as the product's own pages would.
/// </summary>
public sealed class CookieSession(HttpClient client)
{
    private readonly Dictionary<string, string> _cookies = new(StringComparer.Ordinal);
    private string? _csrf;

    public string CookieHeader => string.Join("; ", _cookies.Select(c => $"{c.Key}={c.Value}"));

    public static async Task<CookieSession> SignInAsync(HttpClient client, string email, string password = ProductHost.DemoPassword)
    {
        var session = new CookieSession(client);
        var response = await session.SendAsync(HttpMethod.Post, "/api/auth/login", JsonContent.Create(new { email, password }), antiforgery: false);
        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        return session;
    }

    /// <summary>A session that presents the same cookies as <paramref name="original"/>: a copied cookie.</summary>
    public static CookieSession CopyOf(HttpClient client, CookieSession original)
    {
        var copy = new CookieSession(client);
        foreach (var (name, value) in original._cookies)
        {
            copy._cookies[name] = value;
        }

        return copy;
    }

    /// <summary>The antiforgery token for this session's user (fetched once).</summary>
    public async Task<string> AntiforgeryTokenAsync()
    {
        if (_csrf is null)
        {
            var response = await SendAsync(HttpMethod.Get, "/api/auth/antiforgery", null, antiforgery: false);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            _csrf = (await response.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        }

        return _csrf;
    }

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null, antiforgery: false);

    public Task<HttpResponseMessage> PostAsync(string path, HttpContent? content, bool antiforgery = true) => SendAsync(HttpMethod.Post, path, content, antiforgery);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, bool antiforgery)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (antiforgery)
        {
            request.Headers.Add("X-CSRF-TOKEN", await AntiforgeryTokenAsync());
        }

        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", CookieHeader);
        }

        var response = await client.SendAsync(request);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                var pair = setCookie.Split(';', 2)[0];
                var (name, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
                if (value.Length == 0 || setCookie.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
                {
                    _cookies.Remove(name);
                }
                else
                {
                    _cookies[name] = value;
                }
            }
        }

        return response;
    }
}
