using System.Globalization;
using PdfSharp.Drawing;

namespace BillingOrchestrator.Evidence.Briefs;

/// <summary>The blocks of a brief, drawn in order onto a <see cref="BriefLayout"/>.</summary>
internal sealed class BriefSections(BriefLayout layout, EvidenceBrief brief)
{
    private const double Gutter = 8;

    public void TitleBlock()
    {
        layout.Gfx.DrawRectangle(new XSolidBrush(BriefStyle.Accent), BriefStyle.MarginLeft, layout.Y - 14, 40, 3);
        layout.Paragraph("EVIDENCE BRIEF · QUALITY GATE", BriefStyle.Eyebrow, BriefStyle.Accent);
        layout.Space(4);
        layout.Paragraph($"Step {brief.StepNumber}: {brief.StepTitle}", BriefStyle.Title, BriefStyle.Ink);
        layout.Space(2);
        layout.Paragraph($"{brief.WorkflowName} — {brief.GateTitle}", BriefStyle.Subtitle, BriefStyle.Muted);
        layout.Space(14);
    }

    public void Metadata()
    {
        BriefColumn[] columns = [new("", 72), new("", 210), new("", 76), new("", BriefStyle.ContentWidth - 358)];
        BriefRow Row(string label, string value, string label2, string value2, XFont? valueFont = null) => BriefRow.Of(
            new BriefRun(label, BriefStyle.Body, BriefStyle.Muted),
            new BriefRun(value, valueFont ?? BriefStyle.Body, BriefStyle.Ink),
            new BriefRun(label2, BriefStyle.Body, BriefStyle.Muted),
            new BriefRun(value2, BriefStyle.Body, BriefStyle.Ink));

        layout.Rule(BriefStyle.Faint, 0.75);
        layout.Table(new BriefTable(
            columns,
            [
                Row("Workflow", brief.WorkflowName, "Owner role", brief.OwnerRole),
                Row("Definition", $"{brief.DefinitionId} · version {brief.DefinitionVersion}", "Approver role", brief.ApproverRole),
                Row("Instance", brief.InstanceId, "Submitted", BriefText.Time(brief.SubmittedAt)),
                Row("Step", $"{brief.StepNumber} · {brief.StepTitle}", "Approved", BriefText.Time(brief.ApprovedAt)),
                Row("Quality gate", brief.GateTitle, "Currency", brief.Currency),
                Row("Primary system", brief.PrimarySystem ?? "-", "Approved by", brief.Approvals.LastOrDefault()?.Name ?? "-"),
            ],
            "Brief details",
            ShowHeader: false));
        layout.Space(12);
    }

    public void KeyFigures()
    {
        var onTrack = brief.Kpis.Count == 0 ? "none recorded" : $"{brief.Kpis.Count(k => k.OnTrack)} of {brief.Kpis.Count}";
        (string Label, string Value)[] figures =
        [
            ("EVIDENCE ITEMS", BriefText.Count(brief.EvidenceItems.Count)),
            ("FINDINGS", BriefText.Count(brief.Findings.Sum(f => f.Count))),
            ("MONEY AT RISK", BriefText.Money(brief.Findings.Sum(f => f.MoneyAtRisk), brief.Currency)),
            ("KPIS ON TRACK", onTrack),
        ];

        const double height = 46;
        layout.EnsureSpace(height);
        var width = (BriefStyle.ContentWidth - (figures.Length - 1) * Gutter) / figures.Length;
        var x = BriefStyle.MarginLeft;
        foreach (var (label, value) in figures)
        {
            var gfx = layout.Gfx;
            gfx.DrawRectangle(new XSolidBrush(BriefStyle.Panel), x, layout.Y, width, height);
            gfx.DrawRectangle(new XSolidBrush(BriefStyle.Accent), x, layout.Y, 2, height);
            gfx.DrawString(label, BriefStyle.TableHeader, new XSolidBrush(BriefStyle.Muted), new XRect(x + 10, layout.Y + 9, width - 14, 10), XStringFormats.TopLeft);
            var font = FitFont(value, width - 16);
            gfx.DrawString(value, font, new XSolidBrush(BriefStyle.Ink), new XRect(x + 10, layout.Y + 22, width - 14, 18), XStringFormats.TopLeft);
            x += width + Gutter;
        }

        layout.Y += height;
    }

    public void Approvals()
    {
        Section("Approvals");
        if (brief.Approvals.Count == 0)
        {
            Empty("No approval decisions were recorded at this gate.");
            return;
        }

        BriefColumn[] columns = [new("Name", 132), new("Role", 84), new("Decision", 62), new("Time", 104), new("Comment", BriefStyle.ContentWidth - 382)];
        var rows = brief.Approvals.Select(a => BriefRow.Of(
            new BriefRun(a.Name, BriefStyle.BodyBold, BriefStyle.Ink),
            BriefRun.Plain(a.Role),
            new BriefRun(a.Decision, BriefStyle.BodyBold, DecisionColor(a.Decision)),
            BriefRun.Plain(BriefText.Time(a.At)),
            new BriefRun(string.IsNullOrWhiteSpace(a.Comment) ? "—" : a.Comment, BriefStyle.Body, BriefStyle.Muted)));
        layout.Table(new BriefTable(columns, rows.ToList(), "Approvals"));
    }

    public void Evidence()
    {
        Section("Evidence");
        if (brief.EvidenceItems.Count == 0)
        {
            Empty("No evidence items were attached at this gate.");
            return;
        }

        BriefColumn[] columns = [new("#", 24), new("Evidence · SHA-256", 286), new("Kind", 62), new("Controls evidenced", BriefStyle.ContentWidth - 372)];
        var rows = brief.EvidenceItems.Select((item, index) => new BriefRow(
        [
            [new BriefRun(BriefText.Count(index + 1), BriefStyle.Body, BriefStyle.Muted)],
            [new BriefRun(item.Name, BriefStyle.BodyBold, BriefStyle.Ink), new BriefRun(item.Sha256, BriefStyle.Hash, BriefStyle.Muted)],
            [BriefRun.Plain(item.Kind)],
            item.Controls.Count == 0
                ? [new BriefRun("—", BriefStyle.Label, BriefStyle.Muted)]
                : item.Controls.Select(c => new BriefRun(c, BriefStyle.Label, BriefStyle.Ink)).ToList(),
        ]));
        layout.Table(new BriefTable(columns, rows.ToList(), "Evidence"));
    }

    public void Findings()
    {
        Section("Findings");
        if (brief.Findings.Count == 0)
        {
            Empty("No findings were recorded at this gate.");
            return;
        }

        BriefColumn[] columns = [new("Category", 255), new("Findings", 80, XStringAlignment.Far), new("Money at risk", BriefStyle.ContentWidth - 335, XStringAlignment.Far)];
        var rows = brief.Findings
            .Select(f => BriefRow.Of(
                BriefRun.Plain(f.Category),
                BriefRun.Plain(BriefText.Count(f.Count)),
                BriefRun.Plain(BriefText.Money(f.MoneyAtRisk, brief.Currency))))
            .ToList();
        var total = BriefRow.Of(
            new BriefRun("Total", BriefStyle.BodyBold, BriefStyle.Ink),
            new BriefRun(BriefText.Count(brief.Findings.Sum(f => f.Count)), BriefStyle.BodyBold, BriefStyle.Ink),
            new BriefRun(BriefText.Money(brief.Findings.Sum(f => f.MoneyAtRisk), brief.Currency), BriefStyle.BodyBold, BriefStyle.Ink));
        rows.Add(total with { IsTotal = true });
        layout.Table(new BriefTable(columns, rows, "Findings"));

        if (brief.Findings.All(f => f.MoneyAtRisk <= 0))
        {
            return;
        }

        var chartHeight = 40 + 24 * brief.Findings.Count;
        layout.Space(12);
        layout.EnsureSpace(BriefStyle.Caption.GetHeight() + 4 + chartHeight);
        layout.Paragraph("Money at risk by category", BriefStyle.Caption, BriefStyle.Ink);
        layout.Space(4);
        var ordered = brief.Findings.OrderByDescending(f => f.MoneyAtRisk).ToList();
        layout.Image(MoneyAtRiskChart.RenderBitmap(ordered, brief.Currency, BriefStyle.ContentWidth, chartHeight), BriefStyle.ContentWidth, chartHeight);
    }

    public void Kpis()
    {
        Section("KPI snapshot");
        if (brief.Kpis.Count == 0)
        {
            Empty("No KPI snapshot was recorded at this gate.");
            return;
        }

        BriefColumn[] columns =
        [
            new("KPI", 160), new("Baseline", 82, XStringAlignment.Far), new("Current", 82, XStringAlignment.Far),
            new("Target", 82, XStringAlignment.Far), new("Status", BriefStyle.ContentWidth - 406, XStringAlignment.Far),
        ];
        var rows = brief.Kpis.Select(k => BriefRow.Of(
            new BriefRun(k.Name, BriefStyle.BodyBold, BriefStyle.Ink),
            BriefRun.Plain(BriefText.Kpi(k.Baseline, k.Unit, brief.Currency)),
            BriefRun.Plain(BriefText.Kpi(k.Current, k.Unit, brief.Currency)),
            BriefRun.Plain(BriefText.Kpi(k.Target, k.Unit, brief.Currency)),
            new BriefRun(k.OnTrack ? "On track" : "Off track", BriefStyle.BodyBold, k.OnTrack ? BriefStyle.Good : BriefStyle.Bad)));
        layout.Table(new BriefTable(columns, rows.ToList(), "KPI snapshot"));
    }

    public void ControlMapping()
    {
        Section("Control mapping");
        if (brief.Controls.Count == 0)
        {
            Empty("No standards controls were mapped to this step.");
            return;
        }

        BriefColumn[] columns = [new("Framework", 62), new("Control", 128), new("How this step satisfies it", 235), new("Evidence", BriefStyle.ContentWidth - 425, XStringAlignment.Far)];
        var rows = brief.Controls.Select(c => BriefRow.Of(
            new BriefRun(c.Framework, BriefStyle.BodyBold, BriefStyle.Ink),
            BriefRun.Plain(c.Control),
            new BriefRun(c.HowSatisfied, BriefStyle.Body, BriefStyle.Muted),
            BriefRun.Plain(EvidenceCount(c))));
        layout.Table(new BriefTable(columns, rows.ToList(), "Control mapping"));
    }

    public void SourceLinks()
    {
        Section("Source links");
        if (brief.SourceLinks.Count == 0)
        {
            Empty("No source links were recorded at this gate.");
            return;
        }

        BriefColumn[] columns = [new("Source", 170), new("Link", BriefStyle.ContentWidth - 170)];
        var rows = brief.SourceLinks.Select(l => BriefRow.Of(
            BriefRun.Plain(l.Label),
            new BriefRun(l.Url, BriefStyle.Body, BriefStyle.Link, IsSafeLink(l.Url) ? l.Url : null)));
        layout.Table(new BriefTable(columns, rows.ToList(), "Source links"));
    }

    /// <summary>The audit chain's head sealed into the brief: entries, head hash and the latest seal.</summary>
    public void AuditChain()
    {
        if (brief.AuditChain is not { } chain)
        {
            return;
        }

        Section("Audit chain seal");
        BriefColumn[] columns = [new("Audit chain", 80), new("At this brief", BriefStyle.ContentWidth - 80)];
        List<BriefRow> rows =
        [
            BriefRow.Of(BriefRun.Plain("Entries"), BriefRun.Plain(chain.Entries.ToString(CultureInfo.InvariantCulture))),
            BriefRow.Of(BriefRun.Plain("Head hash"), BriefRun.Plain(chain.Head)),
            BriefRow.Of(BriefRun.Plain("Latest seal"), BriefRun.Plain(chain.LastSeal?.ToString() ?? "none yet")),
        ];
        layout.Table(new BriefTable(columns, rows, "Audit chain seal"));
    }

    private void Section(string title)
    {
        // Keep the heading with at least a few lines of what follows it.
        const double keepWithNext = 48;
        var heading = BriefStyle.Section.GetHeight() + 8;
        layout.EnsureSpace(heading + 20 + keepWithNext);
        layout.Space(20);
        layout.Paragraph(title, BriefStyle.Section, BriefStyle.Accent);
        layout.Space(3);
        layout.Rule(BriefStyle.Accent, 0.8);
        layout.Space(2);
    }

    private void Empty(string text)
    {
        layout.Space(6);
        layout.Paragraph(text, BriefStyle.Body, BriefStyle.Muted);
    }

    private string EvidenceCount(BriefControlMapping control)
    {
        var label = $"{control.Framework} {control.Control}";
        var count = brief.EvidenceItems.Count(item => item.Controls.Any(c => string.Equals(c.Trim(), label, StringComparison.OrdinalIgnoreCase)));
        return count switch
        {
            0 => "none cited",
            1 => "1 item",
            _ => $"{count} items",
        };
    }

    private XFont FitFont(string text, double width)
    {
        for (var size = BriefStyle.Figure.Size; size > 8; size -= 0.5)
        {
            var font = new XFont(DejaVuFontResolver.Sans, size, XFontStyleEx.Bold);
            if (layout.Width(text, font) <= width)
            {
                return font;
            }
        }

        return new XFont(DejaVuFontResolver.Sans, 8, XFontStyleEx.Bold);
    }

    private static XColor DecisionColor(string decision) =>
        decision.Contains("approv", StringComparison.OrdinalIgnoreCase) ? BriefStyle.Good
        : decision.Contains("reject", StringComparison.OrdinalIgnoreCase) ? BriefStyle.Bad
        : BriefStyle.Warn;

    private static bool IsSafeLink(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto);
}
