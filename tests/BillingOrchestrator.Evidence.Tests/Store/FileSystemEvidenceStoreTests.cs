using System.Security.Cryptography;
using System.Text;
using BillingOrchestrator.Evidence.Store;

namespace BillingOrchestrator.Evidence.Tests.Store;

public sealed class FileSystemEvidenceStoreTests : IDisposable
{
    private const long Limit = 1024 * 1024;

    private readonly StoreDirectory directory = new();
    private readonly FileSystemEvidenceStore store;

    public FileSystemEvidenceStoreTests()
    {
        store = new FileSystemEvidenceStore(directory.Root);
    }

    public void Dispose() => directory.Dispose();

    private Task<StoredFile> Save(byte[] bytes, string name, string declared = "application/octet-stream", long limit = Limit) =>
        store.SaveAsync(new MemoryStream(bytes), name, declared, limit, CancellationToken.None);

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    [Fact]
    public async Task Save_Pdf_StoresItUnderItsShardedHash_WithTheDetectedType()
    {
        var bytes = EvidenceSamples.Pdf();

        var stored = await Save(bytes, "October batch.pdf", declared: "text/html");

        var hash = Sha256(bytes);
        stored.ShouldBe(new StoredFile(hash, bytes.Length, "application/pdf", "October batch.pdf"));
        var path = Path.Combine(directory.Root, "sha256", hash[..2], hash[2..4], hash);
        File.ReadAllBytes(path).ShouldBe(bytes);
        store.PathOf(hash).ShouldBe(path);
        directory.TemporaryFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_SameContentTwice_StoresOneFile()
    {
        var bytes = EvidenceSamples.Csv();

        var first = await Save(bytes, "entries.csv");
        var second = await Save(bytes, "copy of entries.csv");

        second.Sha256.ShouldBe(first.Sha256);
        second.OriginalName.ShouldBe("copy of entries.csv");
        directory.StoredFiles().Length.ShouldBe(1);
        directory.TemporaryFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_SameContentConcurrently_StoresOneFile()
    {
        var bytes = EvidenceSamples.Json();

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => Save(bytes, $"findings-{i}.json"))));

        results.Select(r => r.Sha256).Distinct().ShouldHaveSingleItem().ShouldBe(Sha256(bytes));
        directory.StoredFiles().Length.ShouldBe(1);
        directory.TemporaryFiles().ShouldBeEmpty();
    }

    [Theory]
    [InlineData("report.pdf", "application/pdf")]
    [InlineData("chart.png", "image/png")]
    [InlineData("photo.jpg", "image/jpeg")]
    [InlineData("photo.JPEG", "image/jpeg")]
    [InlineData("entries.csv", "text/csv")]
    [InlineData("notes.txt", "text/plain")]
    [InlineData("runbook.md", "text/markdown")]
    [InlineData("findings.json", "application/json")]
    [InlineData("register.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")]
    [InlineData("runbook.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")]
    public async Task Save_AllowedType_IsAcceptedWithTheTypeItsBytesShow(string name, string expectedType)
    {
        var bytes = Path.GetExtension(name).ToLowerInvariant() switch
        {
            ".pdf" => EvidenceSamples.Pdf(),
            ".png" => EvidenceSamples.Png(),
            ".jpg" or ".jpeg" => EvidenceSamples.Jpeg(),
            ".csv" or ".txt" or ".md" => EvidenceSamples.Csv(),
            ".json" => EvidenceSamples.Json(),
            ".xlsx" => EvidenceSamples.Xlsx(),
            _ => EvidenceSamples.Docx(),
        };

        var stored = await Save(bytes, name);

        stored.ContentType.ShouldBe(expectedType);
        stored.Length.ShouldBe(bytes.Length);
    }

    [Fact]
    public async Task Save_WorkbookDeclaringItsMainPartByDefault_IsAcceptedAsXlsx()
    {
        var bytes = EvidenceSamples.XlsxWithMainTypeByDefault();

        var stored = await Save(bytes, "kpi-register.xlsx");

        stored.ContentType.ShouldBe(EvidenceContentTypes.Xlsx);
        stored.Length.ShouldBe(bytes.Length);
    }

    [Fact]
    public async Task Save_OverTheLimit_StopsReadingAndNamesTheLimit()
    {
        var upload = new EndlessStream((byte)'a');

        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(
            () => store.SaveAsync(upload, "huge.txt", "text/plain", 100_000, CancellationToken.None));

        error.Reason.ShouldBe(EvidenceRejection.TooLarge);
        error.Message.ShouldContain("100,000 bytes");
        upload.BytesRead.ShouldBeLessThan(100_000 + 81_920 + 1);
        directory.StoredFiles().ShouldBeEmpty();
        directory.TemporaryFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_SeekableUploadOverTheLimit_IsRefusedBeforeAnythingIsWritten()
    {
        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(EvidenceSamples.Csv(), "entries.csv", limit: 10));

        error.Reason.ShouldBe(EvidenceRejection.TooLarge);
        error.Message.ShouldContain("limit of 10 bytes");
        directory.TemporaryFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_ExactlyAtTheLimit_IsAccepted()
    {
        var bytes = EvidenceSamples.Csv();

        var stored = await store.SaveAsync(new NonSeekable(bytes), "entries.csv", "text/csv", bytes.Length, CancellationToken.None);

        stored.Length.ShouldBe(bytes.Length);
    }

    [Fact]
    public async Task Save_EmptyFile_IsRefused()
    {
        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save([], "empty.csv"));

        error.Reason.ShouldBe(EvidenceRejection.Empty);
        error.Message.ShouldContain("empty");
    }

    [Theory]
    [InlineData("invoice.pdf", "<html><body><script>alert(1)</script></body></html>")]
    [InlineData("invoice.pdf", "  <!DOCTYPE html><p>invoice</p>")]
    [InlineData("invoice.pdf", "<SCRIPT src=//evil.example/x.js></SCRIPT>")]
    [InlineData("entries.csv", "ticket,note\n48211,<script>alert(1)</script>\n")]
    [InlineData("findings.json", "{\"note\":\"<iframe src=x>\"}")]
    public async Task Save_FileCarryingHtml_IsRefusedAsMarkup(string name, string content)
    {
        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(Encoding.UTF8.GetBytes(content), name, "application/pdf"));

        error.Reason.ShouldBe(EvidenceRejection.ContentMismatch);
        error.Message.ShouldContain("HTML or script markup");
        error.Message.ShouldContain(name);
        directory.StoredFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_PdfWithScriptSplitAcrossReadChunks_IsRefused()
    {
        // "<script" straddles the 81,920-byte copy buffer, so only a scan that carries bytes between chunks sees it.
        var padding = new string('0', 81_920 - "%PDF-1.7\n".Length - 3);
        var bytes = Encoding.ASCII.GetBytes("%PDF-1.7\n" + padding + "<script>fetch('//x')</script>\n%%EOF");

        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(bytes, "polyglot.pdf"));

        error.Message.ShouldContain("<script");
    }

    [Fact]
    public async Task Save_PngNamedPdf_IsRefusedSayingWhatItIs()
    {
        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(EvidenceSamples.Png(), "scan.pdf"));

        error.Reason.ShouldBe(EvidenceRejection.ContentMismatch);
        error.Message.ShouldContain("%PDF-");
        error.Message.ShouldContain("a PNG image");
    }

    [Fact]
    public async Task Save_PdfNamedPng_IsRefused()
    {
        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(EvidenceSamples.Pdf(), "chart.png"));

        error.Message.ShouldContain("a PDF");
    }

    [Theory]
    [InlineData("setup.exe")]
    [InlineData("page.html")]
    [InlineData("drawing.svg")]
    [InlineData("macro.xlsm")]
    [InlineData("README")]
    public async Task Save_ExtensionNotOnTheAllowlist_IsRefusedListingWhatIsAccepted(string name)
    {
        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(EvidenceSamples.Csv(), name));

        error.Reason.ShouldBe(EvidenceRejection.TypeNotAllowed);
        error.Message.ShouldContain(".pdf, .png");
        directory.TemporaryFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_ExecutableNamedCsv_IsRefusedAsNotText()
    {
        byte[] bytes = [(byte)'M', (byte)'Z', 0x90, 0x00, 0x03, 0x00, 0x00, 0x00];

        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(bytes, "entries.csv"));

        error.Message.ShouldContain("NUL");
        error.Message.ShouldContain("executable");
    }

    [Fact]
    public async Task Save_Utf16TextNamedCsv_IsRefusedAsNotUtf8()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("ticket,hours")).ToArray();

        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(bytes, "entries.csv"));

        error.Reason.ShouldBe(EvidenceRejection.ContentMismatch);
        error.Message.ShouldContain("not valid UTF-8");
        error.Message.ShouldContain("UTF-16 text");
    }

    [Fact]
    public async Task Save_TextCutInsideAUtf8Sequence_IsRefused()
    {
        var bytes = Encoding.UTF8.GetBytes("ticket,note\n1,covered — agreement").ToList();
        bytes.AddRange(Encoding.UTF8.GetBytes("—").Take(2));

        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(bytes.ToArray(), "notes.txt"));

        error.Message.ShouldContain("not valid UTF-8");
    }

    [Fact]
    public async Task Save_MalformedJson_IsRefused()
    {
        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(Encoding.UTF8.GetBytes("""{"batch": "2026-10", """), "findings.json"));

        error.Message.ShouldContain("not valid JSON");
    }

    [Fact]
    public async Task Save_JsonWithByteOrderMarkAndLongString_IsAccepted()
    {
        var json = "\uFEFF" + $$"""{"note":"{{new string('x', 200_000)}}"}""";

        var stored = await Save(Encoding.UTF8.GetBytes(json), "note.json");

        stored.ContentType.ShouldBe("application/json");
    }

    [Fact]
    public async Task Save_ZipWithoutContentTypesNamedXlsx_IsRefused()
    {
        var bytes = EvidenceSamples.OfficePackage(EvidenceSamples.WorkbookMain, "/xl/workbook.xml", "<workbook/>", withContentTypes: false);

        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(bytes, "register.xlsx"));

        error.Message.ShouldContain("[Content_Types].xml");
    }

    [Fact]
    public async Task Save_DocxNamedXlsx_IsRefused()
    {
        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(EvidenceSamples.Docx(), "register.xlsx"));

        error.Reason.ShouldBe(EvidenceRejection.ContentMismatch);
        error.Message.ShouldContain("Excel workbook");
    }

    [Fact]
    public async Task Save_MacroEnabledWorkbookNamedXlsx_IsRefused()
    {
        var bytes = EvidenceSamples.OfficePackage(EvidenceSamples.MacroWorkbookMain, "/xl/workbook.xml", "<workbook/>");

        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(bytes, "register.xlsx"));

        error.Message.ShouldContain("macro-enabled");
    }

    [Fact]
    public async Task Save_CorruptZipNamedDocx_IsRefused()
    {
        var bytes = EvidenceSamples.Docx().Take(40).ToArray();

        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(bytes, "runbook.docx"));

        error.Message.ShouldContain("cannot be read");
    }

    [Fact]
    public async Task Save_TraversalName_IsReducedToItsLastSegmentAndStoredInsideTheRoot()
    {
        var stored = await Save(EvidenceSamples.Pdf(), "..\\..\\x.pdf");

        stored.OriginalName.ShouldBe("x.pdf");
        directory.StoredFiles().ShouldHaveSingleItem().ShouldStartWith(Path.Combine(directory.Root, "sha256"));
        Directory.GetFiles(directory.Parent, "*", SearchOption.AllDirectories).ShouldAllBe(f => f.StartsWith(directory.Root + Path.DirectorySeparatorChar));
    }

    [Fact]
    public async Task Save_EtcPasswdTraversal_IsRefusedForItsMissingExtensionAndWritesNothing()
    {
        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(Encoding.UTF8.GetBytes("root:x:0:0:root:/root:/bin/bash\n"), "../../etc/passwd"));

        error.Message.ShouldContain("'passwd'");
        Directory.GetFiles(directory.Parent, "*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task Save_NulInjectedExtension_IsJudgedByTheRealExtension()
    {
        var error = await Should.ThrowAsync<EvidenceFileRejectedException>(() => Save(EvidenceSamples.Pdf(), "invoice.pdf\0.exe"));
        var stored = await Save(EvidenceSamples.Pdf(), "evil\0.pdf");

        error.Reason.ShouldBe(EvidenceRejection.TypeNotAllowed);
        error.Message.ShouldContain("invoice.pdf.exe");
        stored.OriginalName.ShouldBe("evil.pdf");
    }

    [Fact]
    public async Task Verify_UntouchedFile_IsIntact()
    {
        var stored = await Save(EvidenceSamples.Xlsx(), "register.xlsx");

        var result = await store.VerifyAsync(stored.Sha256, CancellationToken.None);

        result.ShouldBe(new EvidenceFileVerification(stored.Sha256, EvidenceFileStatus.Intact, stored.Sha256, stored.Length));
        result.Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Verify_FileChangedOnDisk_IsReportedAlteredWithTheHashFound()
    {
        var stored = await Save(EvidenceSamples.Csv(), "entries.csv");
        var tampered = Tamper(stored.Sha256);

        var result = await store.VerifyAsync(stored.Sha256.ToUpperInvariant(), CancellationToken.None);

        result.Status.ShouldBe(EvidenceFileStatus.Altered);
        result.ActualSha256.ShouldBe(Sha256(tampered));
        result.Intact.ShouldBeFalse();
    }

    [Fact]
    public async Task Verify_UnknownHash_IsMissing()
    {
        var result = await store.VerifyAsync(Sha256([1, 2, 3]), CancellationToken.None);

        result.Status.ShouldBe(EvidenceFileStatus.Missing);
    }

    [Fact]
    public async Task OpenRead_ReturnsTheStoredBytes()
    {
        var bytes = EvidenceSamples.Docx();
        var stored = await Save(bytes, "runbook.docx");

        await using var stream = await store.OpenReadAsync(stored.Sha256, CancellationToken.None);
        using var copy = new MemoryStream();
        await stream!.CopyToAsync(copy);

        copy.ToArray().ShouldBe(bytes);
    }

    [Fact]
    public async Task OpenRead_UnknownHash_ReturnsNull()
    {
        var stream = await store.OpenReadAsync(Sha256([9]), CancellationToken.None);

        stream.ShouldBeNull();
    }

    [Fact]
    public async Task OpenRead_FileChangedOnDisk_FailsAtTheEndOfTheRead()
    {
        var stored = await Save(EvidenceSamples.Csv(), "entries.csv");
        Tamper(stored.Sha256);

        await using var stream = await store.OpenReadAsync(stored.Sha256, CancellationToken.None);
        var error = await Should.ThrowAsync<EvidenceIntegrityException>(() => stream!.CopyToAsync(Stream.Null));

        error.Message.ShouldContain(stored.Sha256);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("abc")]
    [InlineData("zz62e4b7b5fa3b1e7a9b3c8a5d6f0e1c2b3a4d5e6f7a8b9c0d1e2f3a4b5c6d7e")]
    public async Task OpenRead_SomethingThatIsNotAHash_IsRejected(string sha256)
    {
        await Should.ThrowAsync<ArgumentException>(() => store.OpenReadAsync(sha256, CancellationToken.None));
    }

    private byte[] Tamper(string sha256)
    {
        var path = store.PathOf(sha256);
        File.SetAttributes(path, FileAttributes.Normal);
        var bytes = File.ReadAllBytes(path);
        bytes[^2] ^= 0x01;
        File.WriteAllBytes(path, bytes);
        return bytes;
    }

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
