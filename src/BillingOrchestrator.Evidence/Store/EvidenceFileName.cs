using System.Globalization;
using System.Text;

namespace BillingOrchestrator.Evidence.Store;

/// <summary>
/// Makes a client-supplied file name safe to show and to offer back as a download name. The store never uses it as a
/// path (files live under their hash), but the name travels into briefs, headers and documentation platforms.
/// </summary>
public static class EvidenceFileName
{
    /// <summary>The longest name kept, in UTF-16 code units.</summary>
    public const int MaxLength = 200;

    /// <summary>The name used when nothing usable is left.</summary>
    public const string Fallback = "unnamed";

    private const int MaxKeptExtension = 16;

    /// <summary>
    /// Keeps only the last path segment (after <c>/</c> or <c>\</c>), drops control and invisible formatting characters
    /// (NUL, bidi overrides), replaces characters Windows forbids with <c>_</c>, trims dots and spaces at both ends and
    /// shortens the stem so the whole name fits <see cref="MaxLength"/> with its extension intact.
    /// </summary>
    public static string Sanitize(string? fileName)
    {
        if (string.IsNullOrEmpty(fileName))
        {
            return Fallback;
        }

        var cleaned = new StringBuilder(Math.Min(fileName.Length, 1024));
        foreach (var rune in fileName.EnumerateRunes())
        {
            if (rune == Rune.ReplacementChar || Rune.IsControl(rune) || Rune.GetUnicodeCategory(rune) == UnicodeCategory.Format)
            {
                continue;
            }

            cleaned.Append(rune.Value switch
            {
                ':' or '*' or '?' or '"' or '<' or '>' or '|' => "_",
                _ => rune.ToString(),
            });
        }

        var text = cleaned.ToString();
        var leaf = text[(text.LastIndexOfAny(['/', '\\']) + 1)..].Trim().Trim('.').Trim();
        if (leaf.Length == 0)
        {
            return Fallback;
        }

        return leaf.Length <= MaxLength ? leaf : Shorten(leaf);
    }

    private static string Shorten(string name)
    {
        var extension = Path.GetExtension(name);
        if (extension.Length > MaxKeptExtension)
        {
            extension = "";
        }

        var keep = MaxLength - extension.Length;
        if (char.IsHighSurrogate(name[keep - 1]))
        {
            keep--;
        }

        var stem = name[..keep].TrimEnd(' ', '.');
        return stem.Length == 0 ? Fallback + extension : stem + extension;
    }
}
