using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace BillingOrchestrator.Web.Observability;

/// <summary>
/// The product's own traces and metrics beyond the engine's (<see cref="Workflows.Diagnostics.WorkflowTelemetry"/>):
/// validation runs, PSA syncs, exports and generated briefs. Recorded where the work is committed, never before.
/// </summary>
public static class ProductTelemetry
{
    public const string Name = "BillingOrchestrator";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);

    public static readonly Histogram<double> ValidationDuration = Meter.CreateHistogram<double>("bo.validation.run.duration", "s", "How long a validation run's checks took.");

    public static readonly Counter<long> ValidationFindings = Meter.CreateCounter<long>("bo.validation.findings", "{finding}", "Findings raised by validation runs.");

    public static readonly Counter<long> PsaSyncs = Meter.CreateCounter<long>("bo.psa.syncs", "{sync}", "ConnectWise syncs and imports, tagged psa.kind and outcome (success or failure).");

    public static readonly Counter<long> Exports = Meter.CreateCounter<long>("bo.exports", "{export}", "Files exported (feed CSV/Parquet, accounting batches), tagged export.kind.");

    public static readonly Counter<long> Briefs = Meter.CreateCounter<long>("bo.briefs.generated", "{brief}", "PDF briefs and reports generated, tagged brief.kind.");

    public static void ValidationRun(TimeSpan duration, int findings)
    {
        ValidationDuration.Record(duration.TotalSeconds);
        ValidationFindings.Add(findings);
        Activity.Current?.SetTag("validation.findings", findings);
    }

    public static void PsaSync(string kind, bool succeeded) =>
        PsaSyncs.Add(1, new KeyValuePair<string, object?>("psa.kind", kind), new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    public static void Export(string kind) => Exports.Add(1, new KeyValuePair<string, object?>("export.kind", kind));

    public static void Brief(string kind) => Briefs.Add(1, new KeyValuePair<string, object?>("brief.kind", kind));
}
