using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace BillingOrchestrator.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy the host learns the client's address and scheme from X-Forwarded-For and -Proto, but only
/// from the proxies named in <c>Host:ForwardedHeaders:KnownProxies</c>: a header from anyone else is ignored, so a
/// caller cannot claim another address or https.
/// </summary>
internal static class ReverseProxy
{
    public static void Configure(WebApplicationBuilder builder)
    {
        var proxies = builder.Configuration.GetSection("Host:ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownIPNetworks.Clear();
            options.KnownProxies.Clear();
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"Host:ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address."));
            }
        });
    }

    public static bool Enabled(IConfiguration configuration) =>
        configuration.GetSection("Host:ForwardedHeaders:KnownProxies").Get<string[]>() is { Length: > 0 };
}
