using UglyToad.PdfPig;

namespace BillingOrchestrator.Evidence.Tests.Briefs;

/// <summary>
/// A rendered PDF read back with PdfPig, as words per page (<c>page.Text</c> runs words together, so phrases are
/// matched as consecutive words).
/// </summary>
internal sealed class RenderedPdf
{
    private RenderedPdf(IReadOnlyList<IReadOnlyList<string>> pages, int imageCount)
    {
        Pages = pages;
        ImageCount = imageCount;
    }

    public IReadOnlyList<IReadOnlyList<string>> Pages { get; }

    public int ImageCount { get; }

    public IEnumerable<string> Words => Pages.SelectMany(p => p);

    public static RenderedPdf Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var pages = document.GetPages().Select(page => (IReadOnlyList<string>)page.GetWords().Select(w => w.Text).ToList()).ToList();
        var images = document.GetPages().Sum(page => page.GetImages().Count());
        return new RenderedPdf(pages, images);
    }

    public int Count(string word) => Words.Count(w => w == word);

    public bool PageContainsPhrase(int pageIndex, string phrase) => IndexOfPhrase(Pages[pageIndex], phrase) >= 0;

    public bool ContainsPhrase(string phrase) => Pages.Any(page => IndexOfPhrase(page, phrase) >= 0);

    /// <summary>Page and word position of the first occurrence, for checking the order of sections.</summary>
    public (int Page, int Word) Find(string phrase)
    {
        for (var page = 0; page < Pages.Count; page++)
        {
            if (IndexOfPhrase(Pages[page], phrase) is var at and >= 0)
            {
                return (page, at);
            }
        }

        throw new ShouldAssertException($"'{phrase}' does not appear in the PDF.");
    }

    private static int IndexOfPhrase(IReadOnlyList<string> words, string phrase)
    {
        var parts = phrase.Split(' ');
        for (var i = 0; i + parts.Length <= words.Count; i++)
        {
            if (parts.Select((part, k) => words[i + k] == part).All(match => match))
            {
                return i;
            }
        }

        return -1;
    }
}
