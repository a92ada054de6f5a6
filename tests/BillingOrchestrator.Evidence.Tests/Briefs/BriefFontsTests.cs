using BillingOrchestrator.Evidence.Briefs;

namespace BillingOrchestrator.Evidence.Tests.Briefs;

public sealed class BriefFontsTests
{
    [Fact]
    public void Resolver_WithoutTheFonts_FailsNamingTheDebianPackage()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-fonts-" + Guid.NewGuid().ToString("N"));

        var error = Should.Throw<FileNotFoundException>(() => new DejaVuFontResolver(missing));

        error.Message.ShouldContain("fonts-dejavu-core");
        error.Message.ShouldContain(missing);
    }

    [Fact]
    public void Resolver_ServesBoldAndMonoFacesAndFallsBackToSans()
    {
        var resolver = new DejaVuFontResolver();

        resolver.ResolveTypeface(DejaVuFontResolver.Sans, bold: true, italic: false)!.FaceName.ShouldBe("DejaVuSans-Bold");
        resolver.ResolveTypeface(DejaVuFontResolver.Mono, bold: false, italic: false)!.FaceName.ShouldBe("DejaVuSansMono");
        resolver.ResolveTypeface("Arial", bold: false, italic: false)!.FaceName.ShouldBe("DejaVuSans");
        resolver.GetFont("DejaVuSans")!.Length.ShouldBeGreaterThan(100_000);
        resolver.GetFont("Comic Sans").ShouldBeNull();
    }

    [Theory]
    [InlineData(1234.5, "USD 1,234.50")]
    [InlineData(0, "USD 0.00")]
    [InlineData(-5, "USD -5.00")]
    [InlineData(1234567.891, "USD 1,234,567.89")]
    public void Money_IsWrittenWithTwoDecimalsAfterTheCurrency(decimal amount, string expected)
    {
        BriefText.Money(amount, "USD").ShouldBe(expected);
    }

    [Fact]
    public void Time_IsWrittenInUtc()
    {
        BriefText.Time(new DateTimeOffset(2026, 11, 6, 17, 42, 0, TimeSpan.FromHours(2))).ShouldBe("2026-11-06 15:42 UTC");
    }
}
