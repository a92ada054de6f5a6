namespace BillingOrchestrator.Web.Escalation;

/// <summary>The <c>Escalation</c> configuration section: how often to look for overdue items, and the default paths.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Run the overdue scanner on this host (several hosts may: each escalation is recorded once).</summary>
    public bool RunScanner { get; set; } = true;

    /// <summary>Seeded into the database when it holds no paths yet; afterwards the API (or the rollout's pre-flight) owns them.</summary>
    public List<EscalationPathInput> Paths { get; set; } = [];
}
