using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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
        (_app, var address) = await LoopbackServer.StartAsync(app => app.MapPost($"/hooks/{Token}", async (HttpRequest request) =>
        {
            Interlocked.Increment(ref _attempts);
            if (Failing)
            {
                return Results.StatusCode(StatusCodes.Status500InternalServerError);
            }

            _posts.Enqueue((await JsonNode.ParseAsync(request.Body))!.AsObject());
            return Results.Ok();
        }));
        Url = $"{address}/hooks/{Token}";
    }

    public ValueTask DisposeAsync() => LoopbackServer.StopAsync(_app);
}
