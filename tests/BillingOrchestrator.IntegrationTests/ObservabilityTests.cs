using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using BillingOrchestrator.Web.Observability;
using BillingOrchestrator.Workflows.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// The product's OpenTelemetry pipeline as configured in the host, read back through the in-memory exporter, and the
/// correlation id a request carries into its response, its problem body and its log lines.
/// </summary>
public sealed class ObservabilityTests(ObservedProductHost host) : IClassFixture<ObservedProductHost>
{
    [Fact]
    public async Task CompletingAGate_RecordsTheGateWaitingTimeHistogramAndATaskSpan()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var service = await host.ClientForAsync("service@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId, new { amount = 10 });
        var review = await finance.WaitForTaskAsync(instance.Id(), "review");
        (await finance.CompleteAsync(review, "Approve", new { reason = "ok" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var gate = await service.WaitForTaskAsync(instance.Id(), "gate");
        var report = await finance.AttachNoteAsync(instance.Id(), "gate", "Report read");
        (await service.CompleteAsync(gate, "Approved", new { evidence = new { report } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await finance.WaitForSubStatusAsync(instance.Id(), "Finished");

        host.Services.GetRequiredService<MeterProvider>().ForceFlush().ShouldBeTrue();
        host.Services.GetRequiredService<TracerProvider>().ForceFlush().ShouldBeTrue();

        var waiting = host.Metrics.Snapshot().Where(m => m.Name == "bo.workflow.gate.waiting_time").ToList();
        waiting.ShouldNotBeEmpty("the gate-waiting histogram was not exported");
        var points = new List<(long Count, double Sum)>();
        foreach (var metric in waiting)
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var tags = new Dictionary<string, object?>();
                foreach (var tag in point.Tags)
                {
                    tags[tag.Key] = tag.Value;
                }

                if (tags.GetValueOrDefault(WorkflowTelemetry.DefinitionTag) as string == TestWorkflows.Approval.DefinitionId && tags.GetValueOrDefault(WorkflowTelemetry.ActivityIdTag) as string == "gate")
                {
                    points.Add((point.GetHistogramCount(), point.GetHistogramSum()));
                }
            }
        }

        points.ShouldNotBeEmpty();
        points.Sum(p => p.Count).ShouldBeGreaterThanOrEqualTo(1);
        points.Sum(p => p.Sum).ShouldBeGreaterThanOrEqualTo(0);

        // The span of this very completion: tagged with its task id, the gate kind and the waiting time.
        var span = host.Spans.Snapshot().Where(s => s.OperationName == "task.complete" && s.GetTagItem("workflow.task_id") as string == gate.Id()).ShouldHaveSingleItem();
        span.Source.Name.ShouldBe(WorkflowTelemetry.Name);
        span.GetTagItem("workflow.task_kind").ShouldBe("QualityGate");
        span.GetTagItem(WorkflowTelemetry.OutcomeTag).ShouldBe("Approved");
        span.GetTagItem("workflow.gate_waiting_seconds").ShouldBeOfType<double>().ShouldBeGreaterThanOrEqualTo(0);

        // The engine's counters went through the same pipeline.
        host.Metrics.Snapshot().Select(m => m.Name).ShouldContain("bo.workflow.instances.started");
        host.Metrics.Snapshot().Select(m => m.Name).ShouldContain("bo.workflow.activity.executions");
        host.Metrics.Snapshot().Select(m => m.Name).ShouldContain("bo.workflow.instances.completed");
    }

    [Fact]
    public async Task ARequestsCorrelationId_ComesBackInTheHeader_TheProblemBody_AndItsLogScope()
    {
        var auditor = await host.ClientForAsync("auditor@demo.local");
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/workflow-instances/no-such-instance");
        request.Headers.Add(CorrelationId.Header, "order-7781.retry:2");

        var response = await auditor.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Headers.GetValues(CorrelationId.Header).ShouldHaveSingleItem().ShouldBe("order-7781.retry:2");
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["correlationId"]!.GetValue<string>().ShouldBe("order-7781.retry:2");
        problem["status"]!.GetValue<int>().ShouldBe(404);

        var line = host.Logs.Lines.Where(l => l.Category == CorrelationId.LogCategory && l.Message.Contains("/api/workflow-instances/no-such-instance", StringComparison.Ordinal)).ShouldHaveSingleItem();
        line.Scopes.ShouldContain(new KeyValuePair<string, object?>(CorrelationId.ScopeKey, "order-7781.retry:2"));
        line.Message.ShouldContain("answered 404");
    }

    [Fact]
    public async Task WithoutAUsableCorrelationId_TheHostIssuesOne()
    {
        var auditor = await host.ClientForAsync("auditor@demo.local");
        var none = await auditor.GetAsync("/api/tasks/");
        var issued = none.Headers.GetValues(CorrelationId.Header).ShouldHaveSingleItem();
        issued.ShouldMatch("^[0-9a-f]{32}$");

        // Header injection and oversized values are not echoed.
        var bad = new HttpRequestMessage(HttpMethod.Get, "/api/tasks/");
        bad.Headers.TryAddWithoutValidation(CorrelationId.Header, new string('x', 65));
        var replaced = (await auditor.SendAsync(bad)).Headers.GetValues(CorrelationId.Header).ShouldHaveSingleItem();
        replaced.ShouldNotBe(new string('x', 65));
        replaced.ShouldMatch("^[0-9a-f]{32}$");
    }
}

/// <summary>The product with the in-memory exporters added to its own OpenTelemetry providers, and a logger that keeps scopes.</summary>
public sealed class ObservedProductHost() : ProductHost(TestDatabaseKind.Sqlite)
{
    public LockedList<Activity> Spans { get; } = [];

    public LockedList<Metric> Metrics { get; } = [];

    public ScopeRecordingLoggerProvider Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
        {
            services.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(Spans));
            services.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(Metrics));
            services.AddSingleton<ILoggerProvider>(Logs);
        });
    }
}

/// <summary>A collection the exporters may add to from any thread; tests read a copy.</summary>
public sealed class LockedList<T> : System.Collections.ObjectModel.Collection<T>
{
    private readonly Lock _lock = new();

    public IReadOnlyList<T> Snapshot()
    {
        lock (_lock)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (_lock)
        {
            base.InsertItem(index, item);
        }
    }
}

/// <summary>Keeps each log line with the scopes active when it was written.</summary>
public sealed class ScopeRecordingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<LogLine> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<LogLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    public sealed record LogLine(string Category, string Message, IReadOnlyList<KeyValuePair<string, object?>> Scopes);

    private sealed class Logger(string category, ScopeRecordingLoggerProvider provider) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var scopes = new List<KeyValuePair<string, object?>>();
            provider._scopes.ForEachScope(
                (scope, list) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object>> pairs)
                    {
                        list.AddRange(pairs.Select(p => new KeyValuePair<string, object?>(p.Key, p.Value)));
                    }
                },
                scopes);
            provider._lines.Enqueue(new LogLine(category, formatter(state, exception), scopes));
        }
    }
}
