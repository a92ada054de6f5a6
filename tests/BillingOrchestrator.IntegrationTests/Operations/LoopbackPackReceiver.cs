using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

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
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapPost("/api/spaces/billing/packs", async (HttpRequest request) =>
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
        }).DisableAntiforgery();
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = $"{address}/api/spaces/billing/packs";
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
