using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using BillingOrchestrator.Evidence.Briefs;

namespace BillingOrchestrator.Evidence.Tests.Briefs;

/// <summary>Proves an independent PDF reader (Poppler) opens and rasterises the brief, not just PdfPig.</summary>
public sealed class PopplerRenderingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("brief-poppler-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task Pdftoppm_RendersTheFirstPageToANonTrivialPng()
    {
        var pdfPath = Path.Combine(folder, "brief.pdf");
        await File.WriteAllBytesAsync(pdfPath, new PdfBriefRenderer().Render(new EvidenceBriefBuilder().WithEvidenceItems(40).Build()));
        var prefix = Path.Combine(folder, "page");

        var (exitCode, errors) = await RunAsync("pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", "-singlefile", pdfPath, prefix);

        exitCode.ShouldBe(0, errors);
        errors.ShouldBeEmpty("pdftoppm should not complain about the file");
        var png = await File.ReadAllBytesAsync(prefix + ".png");
        png.Length.ShouldBeGreaterThan(10_000);
        png.AsSpan(0, 8).ToArray().ShouldBe([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
        var height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
        width.ShouldBeInRange(412, 415, "A4 is 595 pt wide: 413 px at 50 dpi");
        height.ShouldBeInRange(584, 586, "A4 is 842 pt high: 585 px at 50 dpi");
    }

    private static async Task<(int ExitCode, string Errors)> RunAsync(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new ShouldAssertException($"'{program}' could not be started ({e.Message}). Install the Debian package poppler-utils (apt-get install poppler-utils).");
        }

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return (process.ExitCode, (await errors).Trim());
        }
    }
}
