using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace BillingOrchestrator.IntegrationTests.Operations;

/// <summary>
/// A documentation platform's upload endpoint on Kestrel (127.0.0.1, port 0): answers 503 to the first
/// <see cref="FailFirst"/> posts (or to all while <see cref="AlwaysFail"/>), then 201 with a Location, recording each
/// post's API key header, idempotency key and files.
/// </summary>
public sealed class LoopbackPackReceiver : IAsyncDisposable
{
    public const string KeyHeader = "X-Docs-Key";

    private readonly ConcurrentQueue<Received> _posts = new();
    private WebApplication? _app;
    private int _attempts;

    public sealed record Received(string? ApiKey, string? IdempotencyKey, IReadOnlyDictionary<string, byte[]> Files, bool Accepted);

    public int FailFirst { get; init; }

    public bool AlwaysFail { get; init; }

    public IReadOnlyList<Received> Posts => [.. _posts];

    public string Url { get; private set; } = "";

    public async Task StartAsync()
    {
        (_app, var address) = await LoopbackServer.StartAsync(app => app.MapPost("/api/spaces/billing/packs", async (HttpRequest request) =>
        {
            var attempt = Interlocked.Increment(ref _attempts);
            var form = await request.ReadFormAsync();
            var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                files[file.FileName] = buffer.ToArray();
            }

            var accepted = !AlwaysFail && attempt > FailFirst;
            _posts.Enqueue(new Received(request.Headers[KeyHeader], request.Headers["Idempotency-Key"], files, accepted));
            return accepted
                ? Results.Created($"/api/spaces/billing/packs/{request.Headers["Idempotency-Key"]}", null)
                : Results.Problem("storage node unavailable", statusCode: StatusCodes.Status503ServiceUnavailable);
        }).DisableAntiforgery());
        Url = $"{address}/api/spaces/billing/packs";
    }

    public ValueTask DisposeAsync() => LoopbackServer.StopAsync(_app);
}
