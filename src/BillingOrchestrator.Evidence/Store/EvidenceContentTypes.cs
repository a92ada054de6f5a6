namespace BillingOrchestrator.Evidence.Store;

/// <summary>The allowlist of evidence file types: the media types the store accepts and the extensions they go by.</summary>
public static class EvidenceContentTypes
{
    public const string Pdf = "application/pdf";
    public const string Png = "image/png";
    public const string Jpeg = "image/jpeg";
    public const string Csv = "text/csv";
    public const string Text = "text/plain";
    public const string Markdown = "text/markdown";
    public const string Json = "application/json";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".pdf"] = Pdf,
        [".png"] = Png,
        [".jpg"] = Jpeg,
        [".jpeg"] = Jpeg,
        [".csv"] = Csv,
        [".txt"] = Text,
        [".md"] = Markdown,
        [".json"] = Json,
        [".xlsx"] = Xlsx,
        [".docx"] = Docx,
    };

    /// <summary>The accepted extensions, for messages and upload forms.</summary>
    public static IReadOnlyCollection<string> Extensions => ByExtension.Keys;

    /// <summary>The media type a file of this name must have, or <see langword="null"/> when its extension is not allowed.</summary>
    public static string? ForFileName(string fileName) =>
        ByExtension.TryGetValue(Path.GetExtension(fileName), out var type) ? type : null;
}
