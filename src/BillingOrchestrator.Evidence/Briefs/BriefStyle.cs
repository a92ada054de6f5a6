using PdfSharp.Drawing;

namespace BillingOrchestrator.Evidence.Briefs;

/// <summary>The brief's typography, colours and page geometry in one place (points; A4 portrait).</summary>
internal static class BriefStyle
{
    public const double PageWidth = 595.28;
    public const double PageHeight = 841.89;
    public const double MarginLeft = 50;
    public const double MarginRight = 50;
    public const double MarginTop = 54;
    public const double MarginBottom = 62;
    public const double ContentWidth = PageWidth - MarginLeft - MarginRight;
    public const double FooterBaseline = PageHeight - 34;
    public const double CellPaddingX = 5;
    public const double CellPaddingY = 4.5;

    public static readonly XColor Ink = XColor.FromArgb(0x1F, 0x29, 0x33);
    public static readonly XColor Muted = XColor.FromArgb(0x52, 0x60, 0x6D);
    public static readonly XColor Faint = XColor.FromArgb(0x9A, 0xA5, 0xB1);
    public static readonly XColor Rule = XColor.FromArgb(0xDD, 0xE2, 0xE8);
    public static readonly XColor Panel = XColor.FromArgb(0xF4, 0xF6, 0xF9);
    public static readonly XColor Accent = XColor.FromArgb(0x1F, 0x3A, 0x5F);
    public static readonly XColor Link = XColor.FromArgb(0x1D, 0x4E, 0xD8);
    public static readonly XColor Good = XColor.FromArgb(0x1E, 0x7B, 0x34);
    public static readonly XColor Bad = XColor.FromArgb(0xB4, 0x23, 0x18);
    public static readonly XColor Warn = XColor.FromArgb(0xA1, 0x5C, 0x07);

    public static readonly XFont Eyebrow = Sans(7.5, bold: true);
    public static readonly XFont Title = Sans(19, bold: true);
    public static readonly XFont Subtitle = Sans(10.5);
    public static readonly XFont Section = Sans(12, bold: true);
    public static readonly XFont Caption = Sans(8.5, bold: true);
    public static readonly XFont Body = Sans(8.5);
    public static readonly XFont BodyBold = Sans(8.5, bold: true);
    public static readonly XFont TableHeader = Sans(7, bold: true);
    public static readonly XFont Label = Sans(7.5);
    public static readonly XFont Figure = Sans(14, bold: true);
    public static readonly XFont Hash = new(DejaVuFontResolver.Mono, 6.9);
    public static readonly XFont Small = Sans(7);

    private static XFont Sans(double size, bool bold = false) =>
        new(DejaVuFontResolver.Sans, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
}
