using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BillingOrchestrator.IntegrationTests.Operations;

/// <summary>A real SMTP server on 127.0.0.1 that records every message it accepts. Its port is fixed at construction so it can be down first and up later.</summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly RecordingStore _store = new();
    private SmtpServer.SmtpServer? _server;
    private CancellationTokenSource? _stop;
    private Task? _running;

    public int Port { get; } = LoopbackServer.FreePort();

    public IReadOnlyCollection<MimeMessage> Received => _store.Messages;

    public async Task StartAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).IsSecure(false))
            .Build();
        var services = new ServiceProvider();
        services.Add(_store);
        _server = new SmtpServer.SmtpServer(options, services);
        _stop = new CancellationTokenSource();
        _running = _server.StartAsync(_stop.Token);

        // StartAsync returns once it is listening only in some versions: wait until the port answers.
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new InvalidOperationException($"The SMTP server did not start on port {Port}.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is null)
        {
            return;
        }

        _server.Shutdown();
        await _stop!.CancelAsync();
        try
        {
            await _running!.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private sealed class RecordingStore : MessageStore
    {
        private readonly ConcurrentQueue<MimeMessage> _messages = new();

        public IReadOnlyCollection<MimeMessage> Messages => [.. _messages];

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            _messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
