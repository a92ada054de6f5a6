using BillingOrchestrator.Billing.Exceptions;
using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Evidence.Audit;
using BillingOrchestrator.Evidence.Briefs;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Web.Dashboards;
using BillingOrchestrator.Web.Kpis;
using BillingOrchestrator.Workflows.Definitions;
using BillingOrchestrator.Workflows.Runtime;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Web.Assets;

/// <summary>
/// The implementation assets the playbook lists, generated from the live data each time they are asked for: the
/// operator runbook (Markdown and PDF), the KPI baseline and risk/control register (XLSX), the executive brief and the
/// proof brief (PDF). Each reuses the service that owns its figures (KPIs, leakage dashboard, exceptions, evidence, audit).
/// </summary>
public sealed class ImplementationAssets(
    RunbookSource runbooks,
    ControlRegister register,
    KpiMeasurement measurement,
    KpiHistory history,
    LeakageSnapshots leakage,
    IAuditLog audit,
    IWorkflowInstanceStore instances,
    IUserTaskStore tasks,
    WorkflowDefinitionCache definitions,
    BillingDbContext db,
    PdfReportRenderer renderer,
    TimeProvider time)
{
    public const string RunbookMarkdownName = "runbook.md";
    public const string RunbookPdfName = "runbook.pdf";
    public const string KpiRegisterName = "kpi-register.xlsx";
    public const string ExecutiveBriefName = "executive-brief.pdf";
    public const string ProofBriefName = "proof-brief.pdf";

    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IReadOnlyList<string> Names { get; } = [RunbookMarkdownName, RunbookPdfName, KpiRegisterName, ExecutiveBriefName, ProofBriefName];

    /// <summary>Generates the asset called <paramref name="name"/> (one of <see cref="Names"/>).</summary>
    public async Task<GeneratedAsset> GenerateAsync(string name, CancellationToken cancellationToken) => name switch
    {
        RunbookMarkdownName => new(name, "text/markdown; charset=utf-8", System.Text.Encoding.UTF8.GetBytes(RunbookMarkdown.Render(await runbooks.BuildAsync(cancellationToken)))),
        RunbookPdfName => new(name, "application/pdf", renderer.Render(RunbookReport.For(await runbooks.BuildAsync(cancellationToken)))),
        KpiRegisterName => new(name, XlsxContentType, await KpiRegisterAsync(cancellationToken)),
        ExecutiveBriefName => new(name, "application/pdf", renderer.Render(ExecutiveBrief.For(await ExecutiveFiguresAsync(cancellationToken)))),
        ProofBriefName => new(name, "application/pdf", await ProofBriefAsync(cancellationToken)),
        _ => throw new WorkflowNotFoundException($"There is no implementation asset '{name}'; there are: {string.Join(", ", Names)}."),
    };

    public async Task<ExecutiveFigures> ExecutiveFiguresAsync(CancellationToken cancellationToken)
    {
        var measured = await measurement.MeasureAsync(cancellationToken);
        var now = time.GetUtcNow();
        KpiBaselineStatus? baseline = null;
        if (await history.LatestBaselineAsync(cancellationToken) is { } recorded)
        {
            var week = KpiTargets.WeekOf(recorded.RecordedAt, now);
            baseline = new KpiBaselineStatus(recorded.RecordedAt, week, KpiTargets.Evaluate(recorded.Values, measured.Report.Values, week));
        }

        var exceptions = await db.Set<BillingException>().AsNoTracking()
            .Select(e => new { e.Status, e.Disposition, e.AmountCents, e.RoutedRole })
            .ToListAsync(cancellationToken);
        var recovered = exceptions.Where(e => e.Status == ExceptionStatus.Closed && e.Disposition == Disposition.Bill).ToList();
        var open = exceptions.Where(e => e.Status != ExceptionStatus.Closed).ToList();
        var dashboard = (await leakage.BuildAsync(null, cancellationToken)).Dashboard;
        return new ExecutiveFigures(
            now,
            measured.Report,
            measured.Findings.Count,
            measured.Findings.Sum(f => f.AmountAtRisk.Amount),
            recovered.Count,
            recovered.Sum(e => e.AmountCents) / 100m,
            exceptions.Where(e => e.Status == ExceptionStatus.Closed && e.Disposition == Disposition.WriteOff).Sum(e => e.AmountCents) / 100m,
            open.Count,
            open.Sum(e => e.AmountCents) / 100m,
            [.. open.GroupBy(e => e.RoutedRole, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new OpenExceptionGroup(g.Key, g.Count(), g.Sum(e => e.AmountCents) / 100m))],
            baseline,
            dashboard,
            await RolloutStatus.ReadAsync(instances, tasks, definitions, cancellationToken));
    }

    private async Task<byte[]> KpiRegisterAsync(CancellationToken cancellationToken)
    {
        var report = (await measurement.MeasureAsync(cancellationToken)).Report;
        var series = await history.SeriesAsync(cancellationToken);
        var controls = register.Build(await runbooks.BuildAsync(cancellationToken), await register.LoadEvidenceAsync(cancellationToken));
        return KpiRegisterWorkbook.Render(report, series, controls, time.GetUtcNow());
    }

    private async Task<byte[]> ProofBriefAsync(CancellationToken cancellationToken)
    {
        var evidence = await register.LoadEvidenceAsync(cancellationToken);
        var controls = register.Build(await runbooks.BuildAsync(cancellationToken), evidence);
        return renderer.Render(ProofBrief.For(controls, evidence, await audit.VerifyAsync(cancellationToken), time.GetUtcNow()));
    }
}

/// <summary>A generated asset: its file name, content type and bytes.</summary>
public sealed record GeneratedAsset(string Name, string ContentType, byte[] Content);
