namespace BillingOrchestrator.Integrations.ConnectWise.Sync;

/// <summary>What <see cref="ConnectWiseSync"/> reads.</summary>
public enum SyncMode
{
    /// <summary>Only records changed since each kind's cursor (<c>conditions=lastUpdated&gt;[cursor]</c>).</summary>
    Incremental,

    /// <summary>
    /// Every record, whatever the cursors say: picks up changes ConnectWise does not stamp on the record it lists (an
    /// agreement addition edited without touching the agreement) and records skipped earlier for a mapping problem.
    /// Cursors still only move forward.
    /// </summary>
    Full,
}
