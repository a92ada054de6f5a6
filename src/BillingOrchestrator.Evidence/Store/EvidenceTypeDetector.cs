using System.IO.Compression;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;

namespace BillingOrchestrator.Evidence.Store;

/// <summary>
/// Decides what an upload is from its bytes and refuses it unless that is the allowed type its extension names.
/// The client's declared media type is never believed; it only helps explain a refusal.
/// </summary>
internal static class EvidenceTypeDetector
{
    private const string ContentTypesEntry = "[Content_Types].xml";
    private const long MaxContentTypesBytes = 1024 * 1024;
    private const string WorkbookMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private const string DocumentMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";

    /// <summary>The type this name allows, before any byte is read; refuses names whose extension is not on the allowlist.</summary>
    public static string ExpectedType(string fileName) =>
        EvidenceContentTypes.ForFileName(fileName)
        ?? throw new EvidenceFileRejectedException(
            EvidenceRejection.TypeNotAllowed,
            $"'{fileName}' was refused: {DescribeExtension(fileName)} is not an accepted evidence type. Accepted: {string.Join(", ", EvidenceContentTypes.Extensions)}.");

    public static async Task<string> DetectAsync(string fileName, string declaredContentType, ContentInspector bytes, string path, CancellationToken cancellationToken)
    {
        var expected = ExpectedType(fileName);
        if (bytes.Length == 0)
        {
            throw new EvidenceFileRejectedException(EvidenceRejection.Empty, $"'{fileName}' was refused: the file is empty.");
        }

        if (bytes.MarkupFound is { } marker)
        {
            throw Mismatch(fileName, declaredContentType, $"it contains HTML or script markup ('{marker}'), which no evidence file may carry");
        }

        var head = bytes.Head;
        switch (expected)
        {
            case EvidenceContentTypes.Pdf when !head.StartsWith("%PDF-"u8):
                throw Mismatch(fileName, declaredContentType, $"a .pdf must start with '%PDF-' but this is {Describe(bytes)}");
            case EvidenceContentTypes.Png when !head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]):
                throw Mismatch(fileName, declaredContentType, $"a PNG must start with the PNG signature but this is {Describe(bytes)}");
            case EvidenceContentTypes.Jpeg when !head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]):
                throw Mismatch(fileName, declaredContentType, $"a JPEG must start with FF D8 FF but this is {Describe(bytes)}");
            case EvidenceContentTypes.Csv or EvidenceContentTypes.Text or EvidenceContentTypes.Markdown or EvidenceContentTypes.Json:
                RequireText(fileName, declaredContentType, bytes);
                if (expected == EvidenceContentTypes.Json && await InvalidJsonAsync(path, cancellationToken) is { } problem)
                {
                    throw Mismatch(fileName, declaredContentType, $"it is not valid JSON ({problem})");
                }

                break;
            case EvidenceContentTypes.Xlsx:
                await RequirePackageAsync(fileName, declaredContentType, bytes, path, WorkbookMain, "an Excel workbook (.xlsx)", cancellationToken);
                break;
            case EvidenceContentTypes.Docx:
                await RequirePackageAsync(fileName, declaredContentType, bytes, path, DocumentMain, "a Word document (.docx)", cancellationToken);
                break;
        }

        return expected;
    }

    private static void RequireText(string fileName, string declared, ContentInspector bytes)
    {
        var problems = new List<string>(2);
        if (!bytes.IsUtf8)
        {
            problems.Add("its bytes are not valid UTF-8");
        }

        if (bytes.FirstNul is { } nul)
        {
            problems.Add($"it has a NUL byte at offset {nul}");
        }

        if (problems.Count > 0)
        {
            throw Mismatch(fileName, declared, $"text evidence must be UTF-8 without NUL bytes, but {string.Join(" and ", problems)}; this is {Describe(bytes)} (save text as UTF-8)");
        }
    }

    private static async Task RequirePackageAsync(string fileName, string declared, ContentInspector bytes, string path, string mainPartType, string what, CancellationToken cancellationToken)
    {
        if (!bytes.Head.StartsWith("PK\u0003\u0004"u8))
        {
            throw Mismatch(fileName, declared, $"{what} is a ZIP package but this is {Describe(bytes)}");
        }

        XDocument? types;
        try
        {
            types = await ReadContentTypesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or XmlException or IOException)
        {
            throw Mismatch(fileName, declared, $"it starts like a ZIP package but cannot be read as one ({e.Message})");
        }

        if (types is null)
        {
            throw Mismatch(fileName, declared, $"it is a ZIP archive without the '{ContentTypesEntry}' entry every Office document has, so it is not {what}");
        }

        // The main part's type is declared by an Override (Office) or by the Default for .xml (System.IO.Packaging, ClosedXML).
        var declaresMain = types.Root?.Elements()
            .Any(e => e.Name.LocalName is "Override" or "Default" && (string?)e.Attribute("ContentType") == mainPartType) == true;
        if (!declaresMain)
        {
            throw Mismatch(fileName, declared, $"its '{ContentTypesEntry}' does not declare {what} ({mainPartType}); macro-enabled and other Office formats are not accepted");
        }
    }

    private static async Task<XDocument?> ReadContentTypesAsync(string path, CancellationToken cancellationToken)
    {
        await using var zip = await ZipFile.OpenReadAsync(path, cancellationToken);
        var entry = zip.GetEntry(ContentTypesEntry);
        if (entry is null)
        {
            return null;
        }

        if (entry.Length > MaxContentTypesBytes)
        {
            throw new InvalidDataException($"'{ContentTypesEntry}' is {entry.Length} bytes, more than any real document needs");
        }

        // Read at most the limit even if the entry lies about its length (a ZIP bomb).
        await using var stream = await entry.OpenAsync(cancellationToken);
        var buffer = new byte[MaxContentTypesBytes + 1];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        if (total > MaxContentTypesBytes)
        {
            throw new InvalidDataException($"'{ContentTypesEntry}' expands beyond {MaxContentTypesBytes} bytes");
        }

        using var reader = XmlReader.Create(new MemoryStream(buffer, 0, total), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        return XDocument.Load(reader);
    }

    /// <summary>Reads the whole file with a streaming JSON reader; memory stays at one buffer unless a single token is larger.</summary>
    private static async Task<string?> InvalidJsonAsync(string path, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var buffer = new byte[64 * 1024];
        var filled = 0;
        var state = new JsonReaderState();
        var start = true;
        while (true)
        {
            if (filled == buffer.Length)
            {
                Array.Resize(ref buffer, buffer.Length * 2);
            }

            var read = await file.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            filled += read;
            var offset = start && buffer.AsSpan(0, filled).StartsWith("\uFEFF"u8) ? 3 : 0;
            start = false;
            try
            {
                var consumed = offset + ReadTokens(buffer.AsSpan(offset, filled - offset), isFinalBlock: read == 0, ref state);
                if (read == 0)
                {
                    return null;
                }

                buffer.AsSpan(consumed, filled - consumed).CopyTo(buffer);
                filled -= consumed;
            }
            catch (JsonException e)
            {
                return e.Message;
            }
        }
    }

    private static int ReadTokens(ReadOnlySpan<byte> data, bool isFinalBlock, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock, state);
        while (reader.Read())
        {
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }

    private static EvidenceFileRejectedException Mismatch(string fileName, string declared, string why)
    {
        var claimed = string.IsNullOrWhiteSpace(declared) ? "" : $" (sent as {declared.Trim()})";
        return new(EvidenceRejection.ContentMismatch, $"'{fileName}'{claimed} was refused: {why}.");
    }

    private static string DescribeExtension(string fileName) =>
        Path.GetExtension(fileName) is { Length: > 0 } extension ? $"'{extension}'" : "a file without an extension";

    /// <summary>What the bytes look like, so a refusal can say what the file really is.</summary>
    private static string Describe(ContentInspector bytes)
    {
        var head = bytes.Head;
        if (head.StartsWith("%PDF-"u8))
        {
            return "a PDF";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G']))
        {
            return "a PNG image";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "a JPEG image";
        }

        if (head.StartsWith("PK\u0003\u0004"u8))
        {
            return "a ZIP archive";
        }

        if (head.StartsWith("MZ"u8) || head.StartsWith("\u007FELF"u8))
        {
            return "an executable program";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return "UTF-16 text";
        }

        return bytes.FirstNul is null && bytes.IsUtf8 ? "plain text" : "unrecognised binary data";
    }
}
