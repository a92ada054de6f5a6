using System.Collections.Concurrent;
using BillingOrchestrator.Workflows.Instances;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>
/// Hands instances with runnable work to this host's workers. An instance is never run by two workers of one host at
/// once; one dispatched while it runs is run again right after, so no stimulus is left waiting for the next sweep.
/// Three lanes, taken in this order: instances resumed by a person or an event (task completions, events, alterations);
/// instances a worker put back to make room for such a resume (<see cref="Yield"/>); new starts and sweeps. A burst of
/// starts therefore does not hold up an interactive resume, nor does a long-running instance keep its worker from one.
/// </summary>
/// <remarks>
/// A commit on this host that took the instance's lease for this host (a start, or a resume while the workers run) can
/// hand the committed instance over with <see cref="DispatchLeased"/>: the worker then runs it from that copy without a
/// lease commit and a read of its own. A hand-over is used only if it is newer than everything the previous run on this
/// host saw, and only while the lease has at least half its duration left.
/// </remarks>
public sealed class WorkflowDispatcher(LeaseOwner leaseOwner, IOptions<WorkflowRuntimeOptions> options)
{
    private const int Queued = 1;
    private const int Running = 2;
    private const int RunAgain = 3;

    private readonly ConcurrentQueue<string> _resumes = new();
    private readonly ConcurrentQueue<string> _continuations = new();
    private readonly ConcurrentQueue<string> _starts = new();
    private readonly ConcurrentDictionary<string, byte> _yielded = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _available = new(0);
    private readonly SemaphoreSlim _resumesAvailable = new(0);
    private readonly ConcurrentDictionary<string, int> _states = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, WorkflowInstance> _handedOver = new(StringComparer.Ordinal);
    private volatile bool _open;

    public int InFlight => _states.Count;

    /// <summary>True while this host's workers run: only then may a commit take a lease for them.</summary>
    public bool IsOpen => _open;

    /// <summary>Queues the instance behind the others (a start or a sweep).</summary>
    public void Dispatch(string instanceId) => Dispatch(instanceId, priority: false);

    /// <summary>Queues the instance; <paramref name="priority"/> puts it ahead of starts and sweeps (a resume).</summary>
    public void Dispatch(string instanceId, bool priority)
    {
        while (true)
        {
            if (_states.TryAdd(instanceId, Queued))
            {
                Enqueue(instanceId, priority);
                return;
            }

            if (!_states.TryGetValue(instanceId, out var state))
            {
                continue;
            }

            if (state == Queued)
            {
                // Already waiting in a lane; a resume also gets an entry in the fast lane. Whichever entry a worker takes
                // first runs it; the other finds it no longer queued and is skipped.
                if (priority)
                {
                    Enqueue(instanceId, priority: true);
                }

                return;
            }

            if (state == RunAgain || _states.TryUpdate(instanceId, RunAgain, Running))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The lease a commit on this host may take for its workers (owner and expiry), or null when no worker runs here:
    /// then nobody would run the instance, and the lease would only keep other hosts from it until it expired.
    /// </summary>
    internal (string Owner, DateTimeOffset Until)? LeaseFor(DateTimeOffset now) => _open ? (leaseOwner.Id, now + options.Value.LeaseDuration) : null;

    /// <summary>Queues an instance whose lease this host took in the commit that produced <paramref name="committed"/>.</summary>
    internal void DispatchLeased(WorkflowInstance committed, bool priority)
    {
        _handedOver.AddOrUpdate(committed.Id, committed, (_, held) => held.Revision >= committed.Revision ? held : committed);
        Dispatch(committed.Id, priority);
    }

    /// <summary>The handed-over instance, if any (removed): the caller checks the lease it carries before trusting it.</summary>
    internal WorkflowInstance? TakeHandedOver(string instanceId) => _handedOver.TryRemove(instanceId, out var instance) ? instance : null;

    /// <summary>A run that saw <paramref name="revision"/> ended: hand-overs at or below it are stale.</summary>
    internal void DropHandedOver(string instanceId, long revision)
    {
        while (_handedOver.TryGetValue(instanceId, out var held) && held.Revision <= revision)
        {
            if (_handedOver.TryRemove(new KeyValuePair<string, WorkflowInstance>(instanceId, held)))
            {
                return;
            }
        }
    }

    /// <summary>True while a resumed instance waits for a worker: a worker between two steps then makes room (<see cref="Yield"/>).</summary>
    internal bool ResumeWaiting => !_resumes.IsEmpty;

    /// <summary>
    /// Called by a worker's run that stops between two steps while still holding the lease: when the run returns, the
    /// instance goes back to the queue ahead of new starts, with <paramref name="leased"/> (its last commit) handed over.
    /// </summary>
    internal void Yield(WorkflowInstance leased)
    {
        _handedOver.AddOrUpdate(leased.Id, leased, (_, held) => held.Revision >= leased.Revision ? held : leased);
        _yielded[leased.Id] = 0;
    }

    /// <summary>The instances queued or running here: after the workers stopped, those whose leases this host may still hold.</summary>
    internal IReadOnlyCollection<string> Held() => [.. _states.Keys];

    /// <summary>Workers are about to run: commits may take leases for them from now on.</summary>
    internal void Open() => _open = true;

    /// <summary>Workers are stopping: no new lease is taken for them.</summary>
    internal void Close() => _open = false;

    /// <summary>
    /// Runs dispatched instances one after another. <paramref name="run"/> learns whether the instance came from the resume
    /// lane: someone is waiting for it, so its writes are urgent.
    /// </summary>
    internal async Task WorkAsync(Func<string, bool, CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _available.WaitAsync(cancellationToken);
            var resumed = _resumes.TryDequeue(out var instanceId);
            if ((resumed || _continuations.TryDequeue(out instanceId) || _starts.TryDequeue(out instanceId)) && instanceId is not null)
            {
                await RunAsync(instanceId, resumed, run, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Runs resumed instances only: a few workers kept for people waiting, so a resume never waits for a busy worker to
    /// finish its step (and commit) before it makes room. Wake-ups meant for the other lanes are skipped.
    /// </summary>
    internal async Task WorkResumesAsync(Func<string, bool, CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        while (true)
        {
            await _resumesAvailable.WaitAsync(cancellationToken);
            if (_resumes.TryDequeue(out var instanceId))
            {
                await RunAsync(instanceId, resumed: true, run, cancellationToken);
            }
        }
    }

    private async Task RunAsync(string instanceId, bool resumed, Func<string, bool, CancellationToken, Task> run, CancellationToken cancellationToken)
    {
        if (!_states.TryUpdate(instanceId, Running, Queued))
        {
            return;
        }

        while (true)
        {
            await run(instanceId, resumed, cancellationToken);
            if (_yielded.TryRemove(instanceId, out _))
            {
                // Put back (a dispatch that came meanwhile is covered: it runs when it is taken again).
                _states[instanceId] = Queued;
                _continuations.Enqueue(instanceId);
                _available.Release();
                return;
            }

            if (_states.TryRemove(new KeyValuePair<string, int>(instanceId, Running)))
            {
                return;
            }

            // Dispatched again while it ran (RunAgain): only this worker moves it out of RunAgain.
            _states[instanceId] = Running;
        }
    }

    private void Enqueue(string instanceId, bool priority)
    {
        (priority ? _resumes : _starts).Enqueue(instanceId);
        _available.Release();
        if (priority)
        {
            _resumesAvailable.Release();
        }
    }
}
