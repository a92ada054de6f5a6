namespace BillingOrchestrator.Workflows.Runtime;

/// <summary>
/// The steps of one run queued for commit before the earlier ones are acknowledged. While the writer commits one group,
/// the runner goes on executing pure activities (<see cref="Activities.IActivityHandler.IsPure"/>); the steps that arrive
/// meanwhile join one unit of work, written in the next group commit by <see cref="StepCommit.WriteRunAsync"/>.
/// Units are chained: a unit writes nothing unless the unit before it committed in full, so a step never lands on top
/// of one that was refused, rolled back or failed. Only the runner's thread calls this class; the writer's thread only
/// seals a unit (no more steps join it) when it starts writing it.
/// </summary>
internal sealed class StepPipeline(IWorkflowWriter writer, bool urgent, CancellationToken cancellationToken)
{
    /// <summary>Steps a run may have waiting for acknowledgement before it waits for them (bounds the work lost to a conflict).</summary>
    public const int MaxUnacknowledged = 64;

    private readonly Queue<Unit> _units = new();
    private Unit? _last;

    /// <summary>Steps queued and not yet acknowledged.</summary>
    public int Pending { get; private set; }

    public bool IsEmpty => Pending == 0;

    public void Add(StepCommit step)
    {
        if (_last is null || !_last.TryAdd(step))
        {
            var unit = new Unit(_last, step);
            unit.Completion = writer.WriteReplayableAsync(unit.WriteAsync, cancellationToken, urgent);
            _units.Enqueue(unit);
            _last = unit;
        }

        Pending++;
    }

    /// <summary>The revision of the last step acknowledged so far (by either drain), or null while none was.</summary>
    public long? CommittedRevision { get; private set; }

    /// <summary>
    /// Waits for every queued step. Returns the last step that committed (null if none did) and whether all did; when
    /// not, the steps after the first refused one wrote nothing. A failed write throws, as a single write would.
    /// </summary>
    public async Task<(StepCommit? Last, bool All)> DrainAsync()
    {
        StepCommit? last = null;
        var all = true;
        try
        {
            while (_units.TryDequeue(out var unit))
            {
                if (await unit.Completion! && all)
                {
                    last = Acknowledged(unit);
                }
                else
                {
                    all = false;
                }
            }
        }
        finally
        {
            Reset();
        }

        return (last, all);
    }

    /// <summary>As <see cref="DrainAsync"/> on the way out of a failed run: waits for what is left, errors swallowed.</summary>
    public async Task DrainQuietlyAsync()
    {
        while (_units.TryDequeue(out var unit))
        {
            try
            {
                // After a refused or failed unit the later ones refuse too, so only acknowledged steps count.
                if (await unit.Completion!)
                {
                    Acknowledged(unit);
                }
            }
            catch (Exception)
            {
                // The run is failing already.
            }
        }

        Reset();
    }

    private StepCommit Acknowledged(Unit unit)
    {
        foreach (var step in unit.Steps)
        {
            Diagnostics.WorkflowTelemetry.StepCommitted(step);
        }

        var last = unit.Steps[^1];
        CommittedRevision = last.Instance.Revision;
        return last;
    }

    private void Reset()
    {
        _units.Clear();
        _last = null;
        Pending = 0;
    }

    private sealed class Unit(Unit? previous, StepCommit first)
    {
        private readonly Lock _gate = new();
        private readonly List<StepCommit> _steps = [first];
        private bool _sealed;

        public Task<bool>? Completion { get; set; }

        /// <summary>The steps written; complete once the writer sealed the unit.</summary>
        public List<StepCommit> Steps => _steps;

        public bool TryAdd(StepCommit step)
        {
            lock (_gate)
            {
                if (_sealed)
                {
                    return false;
                }

                _steps.Add(step);
                return true;
            }
        }

        public async ValueTask<bool> WriteAsync(IWorkflowWriteSession session, CancellationToken cancellationToken)
        {
            StepCommit[] steps;
            lock (_gate)
            {
                // Sealed from the first run on: a replay of this unit writes the same steps.
                _sealed = true;
                steps = [.. _steps];
            }

            // The previous unit was sealed before this one was made, so it sat in an earlier group commit, which has
            // completed by now: it committed in full, or this unit must not write.
            if (previous is not null && previous.Completion is not { IsCompletedSuccessfully: true, Result: true })
            {
                return false;
            }

            return await StepCommit.WriteRunAsync(steps, session, cancellationToken);
        }
    }
}
