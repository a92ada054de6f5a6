using System.Collections.Concurrent;
using System.Threading.Channels;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>
/// Hands instances with runnable work to this host's workers. An instance is never run by two workers of one host at
/// once; one dispatched while it runs is run again right after, so no stimulus is left waiting for the next sweep.
/// </summary>
public sealed class WorkflowDispatcher
{
    private const int Queued = 1;
    private const int Running = 2;
    private const int RunAgain = 3;

    private readonly Channel<string> _queue = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<string, int> _states = new(StringComparer.Ordinal);

    public int InFlight => _states.Count;

    public void Dispatch(string instanceId)
    {
        while (true)
        {
            if (_states.TryAdd(instanceId, Queued))
            {
                _queue.Writer.TryWrite(instanceId);
                return;
            }

            if (!_states.TryGetValue(instanceId, out var state))
            {
                continue;
            }

            if (state != Running || _states.TryUpdate(instanceId, RunAgain, Running))
            {
                return;
            }
        }
    }

    internal async Task WorkAsync(Func<string, CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        await foreach (var instanceId in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            do
            {
                _states[instanceId] = Running;
                await run(instanceId, cancellationToken);
            }
            while (!_states.TryRemove(new KeyValuePair<string, int>(instanceId, Running)));
        }
    }
}
