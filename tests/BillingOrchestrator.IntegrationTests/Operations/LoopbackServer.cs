using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BillingOrchestrator.IntegrationTests.Operations;

/// <summary>A small Kestrel server on 127.0.0.1 (a free port, no logging) for the stubs of outside systems.</summary>
internal static class LoopbackServer
{
    /// <summary>Starts an app with the routes <paramref name="map"/> adds; returns it and its base address (<c>http://127.0.0.1:port</c>).</summary>
    public static async Task<(WebApplication App, string Address)> StartAsync(Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    /// <summary>A port on 127.0.0.1 that was free a moment ago, for a server that cannot bind port 0 itself.</summary>
    public static int FreePort() => Testing.LoopbackPorts.Free();

    public static async ValueTask StopAsync(WebApplication? app)
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
