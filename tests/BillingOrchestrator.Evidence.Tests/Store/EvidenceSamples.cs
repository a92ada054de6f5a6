using System.IO.Compression;
using System.Text;

namespace BillingOrchestrator.Evidence.Tests.Store;

/// <summary>Small but well-formed files of every accepted type, and look-alikes that are not what they claim.</summary>
internal static class EvidenceSamples
{
    public const string WorkbookMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    public const string DocumentMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    public const string MacroWorkbookMain = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";

    public static byte[] Pdf(string body = "BT /F1 12 Tf (Invoice batch 2026-10) Tj ET") => Encoding.ASCII.GetBytes(
        $"%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n3 0 obj <</Length {body.Length}>> stream\n{body}\nendstream endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n");

    /// <summary>A real 1×1 PNG.</summary>
    public static byte[] Png() => Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    /// <summary>A JPEG start: SOI and a JFIF APP0 segment, then end of image.</summary>
    public static byte[] Jpeg() =>
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0xFF, 0xD9];

    public static byte[] Csv() => Encoding.UTF8.GetBytes("ticket,member,hours,charge\n48211,dwhitfield,1.5,billable\n48212,praman,0.75,covered — agreement\n");

    public static byte[] Json() => Encoding.UTF8.GetBytes("""{"batch":"2026-10","findings":[{"category":"Missing time","count":14,"moneyAtRisk":4820.50}]}""");

    public static byte[] Xlsx() => OfficePackage(WorkbookMain, "/xl/workbook.xml", "<workbook/>");

    /// <summary>A workbook as System.IO.Packaging (and so ClosedXML) writes it: the main part's type is the Default for .xml.</summary>
    public static byte[] XlsxWithMainTypeByDefault()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Write(zip, "[Content_Types].xml", $"""
                <?xml version="1.0" encoding="utf-8"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                  <Default Extension="xml" ContentType="{WorkbookMain}"/>
                  <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
                </Types>
                """);
            Write(zip, "xl/workbook.xml", "<workbook/>");
        }

        return buffer.ToArray();
    }

    public static byte[] Docx() => OfficePackage(DocumentMain, "/word/document.xml", "<document/>");

    public static byte[] OfficePackage(string mainContentType, string partName, string partXml, bool withContentTypes = true)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            if (withContentTypes)
            {
                Write(zip, "[Content_Types].xml", $"""
                    <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                    <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
                      <Default Extension="xml" ContentType="application/xml"/>
                      <Override PartName="{partName}" ContentType="{mainContentType}"/>
                    </Types>
                    """);
            }

            Write(zip, partName.TrimStart('/'), partXml);
        }

        return buffer.ToArray();
    }

    private static void Write(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text);
    }
}
