using System.Globalization;
using System.Text;
using BillingOrchestrator.Evidence.Items;
using BillingOrchestrator.Evidence.Store;
using BillingOrchestrator.Integrations.Documentation;
using BillingOrchestrator.Web.Evidence;
using BillingOrchestrator.Workflows.Runtime;

namespace BillingOrchestrator.Web.Publications;

/// <summary>
/// An instance's evidence pack for the documentation platform: <c>index.md</c> listing every PDF brief and every
/// evidence item with its SHA-256 and a link (the file in the pack, the item's source, or the product's API), plus the
/// brief PDFs and the PDF evidence files themselves.
/// </summary>
public sealed class EvidencePackBuilder(IWorkflowInstanceStore instances, EvidenceQueries evidence, IEvidenceFileStore files, TimeProvider time)
{
    public async Task<EvidencePack> BuildAsync(string publicationId, string instanceId, CancellationToken cancellationToken)
    {
        var instance = await instances.FindAsync(instanceId, cancellationToken) ?? throw new WorkflowNotFoundException($"Instance {instanceId} does not exist.");
        var briefs = await evidence.BriefsAsync(instanceId, cancellationToken);
        var items = await evidence.ForInstanceAsync(instanceId, cancellationToken);
        var pdfs = new List<EvidencePackFile>();
        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var brief in briefs)
        {
            var path = $"briefs/{brief.ActivityId}-{brief.Id}.pdf";
            pdfs.Add(new EvidencePackFile(path, "application/pdf", await ReadAsync(brief.Sha256, cancellationToken)));
            paths.TryAdd(brief.Sha256, path);
        }

        foreach (var item in items.Where(i => i.Sha256 is { } sha && i.ContentType == EvidenceContentTypes.Pdf && !paths.ContainsKey(sha)))
        {
            var path = $"evidence/{item.Id}-{EvidenceFileName.Sanitize(item.Name)}";
            pdfs.Add(new EvidencePackFile(path, "application/pdf", await ReadAsync(item.Sha256!, cancellationToken)));
            paths.TryAdd(item.Sha256!, path);
        }

        var index = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"# Evidence pack: {Cell(instance.DefinitionId)} v{instance.DefinitionVersion}, instance {Cell(instance.Id)}\n\n")
            .Append(CultureInfo.InvariantCulture, $"Publication {Cell(publicationId)}, generated {time.GetUtcNow():yyyy-MM-dd HH:mm:ss} UTC by BillingOrchestrator. SHA-256 is of each file's bytes; ")
            .Append("files marked with a path are in this pack, the others are at the product's API.\n\n")
            .Append("## PDF evidence briefs\n\n| brief | activity | created | file | SHA-256 |\n|---|---|---|---|---|\n");
        foreach (var brief in briefs)
        {
            index.Append(CultureInfo.InvariantCulture, $"| {Cell(brief.Title)} | {Cell(brief.ActivityId)} | {brief.CreatedAt:yyyy-MM-dd HH:mm} | {MarkdownText.PathLink(paths[brief.Sha256])} | `{brief.Sha256}` |\n");
        }

        index.Append("\n## Evidence items\n\n| item | kind | step | gate | controls | by | SHA-256 | link |\n|---|---|---|---|---|---|---|---|\n");
        foreach (var item in items)
        {
            var link = item.Sha256 is { } sha && paths.TryGetValue(sha, out var path) ? MarkdownText.PathLink(path)
                : item.Sha256 is not null ? MarkdownText.PathLink($"/api/evidence/{item.Id}/content")
                : item.Url is { Length: > 0 } url ? MarkdownText.ExternalLink(url) : Cell(item.Note);
            index.Append(CultureInfo.InvariantCulture, $"| {Cell(item.Name)} | {item.Kind} | {item.Step?.ToString(CultureInfo.InvariantCulture) ?? ""} | {Cell(item.GateId)} | {Cell(string.Join("; ", item.Controls))} | {Cell(item.CreatedBy)} | {(item.Sha256 is null ? "" : $"`{item.Sha256}`")} | {link} |\n");
        }

        return new EvidencePack(publicationId, instanceId, [new EvidencePackFile("index.md", "text/markdown", Encoding.UTF8.GetBytes(index.ToString())), .. pdfs]);
    }

    private async Task<byte[]> ReadAsync(string sha256, CancellationToken cancellationToken)
    {
        await using var stream = await files.OpenReadAsync(sha256, cancellationToken) ?? throw new WorkflowConflictException($"Stored file {sha256} is missing from the evidence store.");
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        return buffer.ToArray();
    }

    // A Markdown table cell: one line of plain text, whatever a user typed into it.
    private static string Cell(string? text) => MarkdownText.Text(text);
}
