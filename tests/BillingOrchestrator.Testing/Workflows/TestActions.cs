using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using BillingOrchestrator.Workflows.Actions;
using BillingOrchestrator.Workflows.Activities;

namespace BillingOrchestrator.Testing.Workflows;

/// <summary>A side effect the tests can count: one <c>test.count</c> row in the effect table per execution that committed.</summary>
public sealed class CountingAction : IWorkflowAction
{
    public const string EffectKind = "test.count";

    public string Name => "test.count";

    /// <summary>It only records an effect through the context: the runner may run it ahead of the previous commit's acknowledgement.</summary>
    public bool IsPure => true;

    public ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        context.RecordEffect(EffectKind, new JsonObject { ["activity"] = context.Activity.Id });
        return ValueTask.FromResult(ActionResult.Done());
    }
}

/// <summary>Fails the first <c>input.failures</c> attempts of each execution, then succeeds.</summary>
public sealed class FlakyAction : IWorkflowAction
{
    private readonly ConcurrentDictionary<string, int> _attempts = new();

    public string Name => "test.flaky";

    public ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken)
    {
        var failures = input?["failures"]?.GetValue<int>() ?? 0;
        var attempt = _attempts.AddOrUpdate(context.IdempotencyKey, 1, (_, n) => n + 1);
        return attempt <= failures
            ? throw new InvalidOperationException($"flaky failure {attempt} of {failures}")
            : ValueTask.FromResult(ActionResult.Done(new JsonObject { ["attempts"] = attempt }));
    }
}

/// <summary>Fails while <see cref="Failing"/> is true; tests flip it to prove an admin retry resumes a faulted instance.</summary>
public sealed class SwitchAction : IWorkflowAction
{
    public bool Failing { get; set; } = true;

    public string Name => "test.switch";

    public ValueTask<ActionResult> ExecuteAsync(ActivityExecutionContext context, JsonNode? input, CancellationToken cancellationToken) =>
        Failing ? throw new InvalidOperationException("the downstream system is unavailable") : ValueTask.FromResult(ActionResult.Done());
}
