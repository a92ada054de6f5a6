using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BillingOrchestrator.Evidence.Briefs;

/// <summary>
/// Renders an <see cref="EvidenceBrief"/> as an A4 PDF: title block, metadata, key figures, then approvals, evidence,
/// findings (with a money-at-risk chart), KPI snapshot, control mapping and source links, paginated with
/// "Page n of m" footers. All text is real, selectable text; only the chart is an image.
/// </summary>
public sealed class PdfBriefRenderer
{
    private const string Author = "BillingOrchestrator";

    /// <summary>Installs the DejaVu fonts (see <see cref="BriefFonts"/>); fails here if they are missing.</summary>
    public PdfBriefRenderer(string fontDirectory = DejaVuFontResolver.DefaultDirectory)
    {
        BriefFonts.Install(fontDirectory);
    }

    /// <summary>Renders the brief and returns the PDF file's bytes.</summary>
    public byte[] Render(EvidenceBrief brief)
    {
        ArgumentNullException.ThrowIfNull(brief);
        using var document = new PdfDocument();
        document.Info.Title = $"Evidence brief: {brief.WorkflowName}, step {brief.StepNumber} {brief.StepTitle}";
        document.Info.Author = Author;
        document.Info.Creator = Author;
        document.Info.Subject = $"Quality gate \"{brief.GateTitle}\" of workflow instance {brief.InstanceId}, approved {BriefText.Time(brief.ApprovedAt)}";
        document.Info.CreationDate = brief.ApprovedAt.UtcDateTime;
        document.Info.ModificationDate = brief.ApprovedAt.UtcDateTime;

        using (var layout = new BriefLayout(document, $"Evidence brief · {brief.WorkflowName} · Step {brief.StepNumber}: {brief.StepTitle}"))
        {
            layout.NewPage();
            var sections = new BriefSections(layout, brief);
            sections.TitleBlock();
            sections.Metadata();
            sections.KeyFigures();
            sections.Approvals();
            sections.Evidence();
            sections.Findings();
            sections.Kpis();
            sections.ControlMapping();
            sections.SourceLinks();
            sections.AuditChain();
            layout.Finish($"BillingOrchestrator · {brief.DefinitionId} v{brief.DefinitionVersion} · instance {brief.InstanceId}");

            using var output = new MemoryStream();
            document.Save(output, closeStream: false);
            return output.ToArray();
        }
    }
}
