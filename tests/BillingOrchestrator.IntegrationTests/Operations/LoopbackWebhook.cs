using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BillingOrchestrator.IntegrationTests.Operations;

/// <summary>An incoming-webhook receiver on Kestrel (127.0.0.1, port 0) that records the JSON posted to its secret path, or answers 500 while failing.</summary>
public sealed class LoopbackWebhook : IAsyncDisposable
{
    public const string Token = "T0KEN-s3cr3t-9f8e7d";

    private readonly ConcurrentQueue<JsonObject> _posts = new();
    private WebApplication? _app;

    public bool Failing { get; set; }

    public int Attempts => _attempts;

    private int _attempts;

    public IReadOnlyCollection<JsonObject> Posts => [.. _posts];

    public string Url { get; private set; } = "";

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost($"/hooks/{Token}", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref _attempts);
            if (Failing)
            {
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
            }

            _posts.Enqueue((await JsonNode.ParseAsync(request.Body))!.AsObject());
            return Results.Ok();
        });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = $"{address}/hooks/{Token}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
