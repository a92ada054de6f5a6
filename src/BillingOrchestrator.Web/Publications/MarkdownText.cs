using System.Text;

namespace BillingOrchestrator.Web.Publications;

/// <summary>
/// What users typed (names, notes, links), made safe for the published <c>index.md</c>, which a documentation platform
/// renders as Markdown with HTML: control and bidirectional-override characters are dropped (a NUL, or a U+202E that
/// makes <c>fdp.exe</c> read as <c>exe.pdf</c>), HTML is written as entities, Markdown punctuation is escaped so text
/// never becomes a link, image, emphasis or table cell break, and only http(s) addresses become links.
/// </summary>
public static class MarkdownText
{
    private const string MarkdownPunctuation = "\\`*_{}[]()#!|~";

    /// <summary>Text for a table cell or a heading: one line, no markup.</summary>
    public static string Text(string? value)
    {
        var text = new StringBuilder((value?.Length ?? 0) + 16);
        foreach (var c in (value ?? "").ReplaceLineEndings(" "))
        {
            if (char.IsControl(c) || IsBidiControl(c))
            {
                continue;
            }

            _ = c switch
            {
                '&' => text.Append("&amp;"),
                '<' => text.Append("&lt;"),
                '>' => text.Append("&gt;"),
                '"' => text.Append("&quot;"),
                _ when MarkdownPunctuation.Contains(c, StringComparison.Ordinal) => text.Append('\\').Append(c),
                _ => text.Append(c),
            };
        }

        return text.ToString();
    }

    /// <summary>
    /// A link to <paramref name="target"/> when it is an absolute http(s) address, as an autolink; anything else (a
    /// <c>javascript:</c> or <c>data:</c> address, a relative path a user typed) is shown as text and not linked. The
    /// autolink holds the escaped form of the address (no spaces, angle brackets or controls left in it); a pipe is
    /// escaped too, since the link sits in a table cell, and Markdown escapes do not work inside autolinks.
    /// </summary>
    public static string ExternalLink(string? target) =>
        Uri.TryCreate(target, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? $"<{uri.AbsoluteUri.Replace("|", "%7C", StringComparison.Ordinal)}>"
            : Text(target);

    /// <summary>A link to a path the product made itself (a file in the pack, its API), percent-encoding anything unusual.</summary>
    public static string PathLink(string path) => $"[{Text(path)}]({Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal)})";

    private static bool IsBidiControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
