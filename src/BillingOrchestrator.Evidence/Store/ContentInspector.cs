using System.Text;

namespace BillingOrchestrator.Evidence.Store;

/// <summary>
/// Looks at an upload chunk by chunk as it streams to disk, so the checks that need every byte (markup, UTF-8, NUL)
/// cost no second read: keeps the leading bytes for signature checks and remembers the first problem of each kind.
/// </summary>
internal sealed class ContentInspector
{
    /// <summary>Markup a browser would treat as a page; no allowed evidence type carries it.</summary>
    private static readonly byte[][] Markup =
    [
        "<script"u8.ToArray(), "<html"u8.ToArray(), "<!doctype html"u8.ToArray(), "<iframe"u8.ToArray(), "<svg"u8.ToArray(),
    ];

    private const int HeadLength = 1024;
    private const int Carry = 13; // longest marker minus one, so a marker split across two chunks is still seen

    private readonly byte[] head = new byte[HeadLength];
    private readonly Decoder utf8 = new UTF8Encoding(false, throwOnInvalidBytes: true).GetDecoder();
    private byte[] window = [];
    private int carried;
    private char[] chars = [];
    private int headLength;
    private long offset;

    /// <summary>The first markup marker found, e.g. <c>&lt;script</c>.</summary>
    public string? MarkupFound { get; private set; }

    /// <summary>Offset of the first NUL byte, if any.</summary>
    public long? FirstNul { get; private set; }

    /// <summary>Whether the bytes so far are valid UTF-8.</summary>
    public bool IsUtf8 { get; private set; } = true;

    public long Length => offset;

    public ReadOnlySpan<byte> Head => head.AsSpan(0, headLength);

    public void Append(ReadOnlySpan<byte> chunk)
    {
        if (headLength < HeadLength)
        {
            var take = Math.Min(HeadLength - headLength, chunk.Length);
            chunk[..take].CopyTo(head.AsSpan(headLength));
            headLength += take;
        }

        if (FirstNul is null && chunk.IndexOf((byte)0) is var nul and >= 0)
        {
            FirstNul = offset + nul;
        }

        ScanMarkup(chunk);
        Decode(chunk, flush: false);
        offset += chunk.Length;
    }

    /// <summary>Ends the stream: a UTF-8 sequence cut off at the end makes the content not UTF-8.</summary>
    public void Complete() => Decode([], flush: true);

    private void ScanMarkup(ReadOnlySpan<byte> chunk)
    {
        if (MarkupFound is not null)
        {
            return;
        }

        if (window.Length < Carry + chunk.Length)
        {
            var grown = new byte[Carry + chunk.Length];
            window.AsSpan(0, carried).CopyTo(grown);
            window = grown;
        }

        chunk.CopyTo(window.AsSpan(carried));
        var text = window.AsSpan(0, carried + chunk.Length);
        for (var at = text.IndexOf((byte)'<'); at >= 0; at = NextAngle(text, at))
        {
            foreach (var marker in Markup)
            {
                if (text.Length - at >= marker.Length && Ascii.EqualsIgnoreCase(text.Slice(at, marker.Length), marker))
                {
                    MarkupFound = Encoding.ASCII.GetString(marker);
                    return;
                }
            }
        }

        carried = Math.Min(Carry, text.Length);
        text[^carried..].CopyTo(window);
    }

    private static int NextAngle(ReadOnlySpan<byte> text, int at)
    {
        var next = text[(at + 1)..].IndexOf((byte)'<');
        return next < 0 ? -1 : at + 1 + next;
    }

    private void Decode(ReadOnlySpan<byte> bytes, bool flush)
    {
        if (!IsUtf8)
        {
            return;
        }

        try
        {
            var count = utf8.GetCharCount(bytes, flush);
            if (count > chars.Length)
            {
                chars = new char[count];
            }

            utf8.GetChars(bytes, chars, flush);
        }
        catch (DecoderFallbackException)
        {
            IsUtf8 = false;
        }
    }
}
