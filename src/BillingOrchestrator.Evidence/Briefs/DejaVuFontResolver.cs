using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace BillingOrchestrator.Evidence.Briefs;

/// <summary>
/// Serves DejaVu Sans (regular, bold) and DejaVu Sans Mono to PDFsharp, which has no font discovery of its own on
/// Linux. Any family it does not know resolves to DejaVu Sans so stray font names still render.
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    /// <summary>Where Debian's <c>fonts-dejavu-core</c> installs the fonts.</summary>
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";

    /// <summary>The proportional family the briefs use.</summary>
    public const string Sans = "DejaVu Sans";

    /// <summary>The monospaced family the briefs use for hashes.</summary>
    public const string Mono = "DejaVu Sans Mono";

    private static readonly Dictionary<string, string> Faces = new(StringComparer.Ordinal)
    {
        ["DejaVuSans"] = "DejaVuSans.ttf",
        ["DejaVuSans-Bold"] = "DejaVuSans-Bold.ttf",
        ["DejaVuSansMono"] = "DejaVuSansMono.ttf",
        ["DejaVuSansMono-Bold"] = "DejaVuSansMono-Bold.ttf",
    };

    private readonly ConcurrentDictionary<string, byte[]> loaded = new(StringComparer.Ordinal);

    /// <summary>Checks that every face is present in <paramref name="directory"/>, so a missing package fails here, not mid-render.</summary>
    /// <exception cref="FileNotFoundException">A font file is missing; the message names the package to install.</exception>
    public DejaVuFontResolver(string directory = DefaultDirectory)
    {
        Directory = directory;
        foreach (var file in Faces.Values)
        {
            var path = Path.Combine(directory, file);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException(
                    $"PDF evidence briefs need the DejaVu fonts but '{path}' does not exist. Install the Debian package fonts-dejavu-core (apt-get install fonts-dejavu-core).",
                    path);
            }
        }
    }

    /// <summary>The folder the font files are read from.</summary>
    public string Directory { get; }

    /// <summary>The file of the regular or bold DejaVu Sans face, for renderers other than PDFsharp (the chart).</summary>
    public string SansFile(bool bold) => Path.Combine(Directory, Faces[bold ? "DejaVuSans-Bold" : "DejaVuSans"]);

    /// <inheritdoc />
    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic)
    {
        var mono = string.Equals(familyName, Mono, StringComparison.OrdinalIgnoreCase);
        var face = (mono ? "DejaVuSansMono" : "DejaVuSans") + (bold ? "-Bold" : "");
        return new FontResolverInfo(face, mustSimulateBold: false, mustSimulateItalic: italic);
    }

    /// <inheritdoc />
    public byte[]? GetFont(string faceName) =>
        Faces.TryGetValue(faceName, out var file) ? loaded.GetOrAdd(faceName, _ => File.ReadAllBytes(Path.Combine(Directory, file))) : null;
}
