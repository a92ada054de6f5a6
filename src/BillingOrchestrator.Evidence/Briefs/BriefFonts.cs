using PdfSharp.Fonts;

namespace BillingOrchestrator.Evidence.Briefs;

/// <summary>
/// Installs the DejaVu resolver as PDFsharp's process-wide font resolver and registers the same files with ScottPlot,
/// once. PDFsharp accepts a resolver only before its first font operation and only ever the same instance afterwards,
/// so everything in the process that renders PDFs should go through here.
/// </summary>
public static class BriefFonts
{
    private static readonly Lock Gate = new();
    private static DejaVuFontResolver? installed;

    /// <summary>
    /// Returns the installed resolver, installing it on first call. If the host already set a different resolver it is
    /// left in place (PDFsharp forbids replacing it) and must resolve <see cref="DejaVuFontResolver.Sans"/> itself.
    /// Later calls return the first resolver whatever folder they name.
    /// </summary>
    /// <exception cref="FileNotFoundException">The DejaVu fonts are not installed (Debian package <c>fonts-dejavu-core</c>).</exception>
    public static DejaVuFontResolver Install(string directory = DejaVuFontResolver.DefaultDirectory)
    {
        lock (Gate)
        {
            if (installed is not null)
            {
                return installed;
            }

            var resolver = new DejaVuFontResolver(directory);
            GlobalFontSettings.FontResolver ??= resolver;
            ScottPlot.Fonts.AddFontFile(DejaVuFontResolver.Sans, resolver.SansFile(bold: false), bold: false, italic: false);
            ScottPlot.Fonts.AddFontFile(DejaVuFontResolver.Sans, resolver.SansFile(bold: true), bold: true, italic: false);
            ScottPlot.Fonts.Default = DejaVuFontResolver.Sans;
            installed = resolver;
            return resolver;
        }
    }
}
