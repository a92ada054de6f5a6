using BillingOrchestrator.Integrations.ConnectWise;
using BillingOrchestrator.Integrations.Tests.Support;

namespace BillingOrchestrator.Integrations.Tests;

public sealed class ConnectWiseOptionsTests
{
    [Fact]
    public void BaseAddress_IsSiteCodebaseApis30_WithATrailingSlash()
    {
        var options = new ConnectWiseOptions { Site = "api-eu.myconnectwise.net", Codebase = "/v2025_1/" };

        options.GetBaseAddress().ToString().ShouldBe("https://api-eu.myconnectwise.net/v2025_1/apis/3.0/");
    }

    [Fact]
    public void BaseUrlOverride_IsUsedVerbatim()
    {
        var options = new ConnectWiseOptions { Site = "ignored.example", Codebase = "x", BaseUrl = "http://127.0.0.1:5123/cw/apis/3.0" };

        options.GetBaseAddress().ToString().ShouldBe("http://127.0.0.1:5123/cw/apis/3.0/");
    }

    [Fact]
    public void OnPremisesSite_MayCarryItsOwnScheme()
    {
        var options = new ConnectWiseOptions { Site = "http://psa.internal.example:8080", Codebase = "v4_6_release" };

        options.GetBaseAddress().ToString().ShouldBe("http://psa.internal.example:8080/v4_6_release/apis/3.0/");
    }

    [Fact]
    public void Validate_ListsEveryMissingSetting()
    {
        var problems = new ConnectWiseOptions { PageSize = 5000 }.Validate();

        problems.ShouldBe(
        [
            "ConnectWise:Site is required (for example api-na.myconnectwise.net) unless ConnectWise:BaseUrl is set",
            "ConnectWise:Codebase is required (for example v4_6_release) unless ConnectWise:BaseUrl is set",
            "ConnectWise:CompanyId is required",
            "ConnectWise:PublicKey is required",
            "ConnectWise:PrivateKey is required",
            "ConnectWise:ClientId is required",
            "ConnectWise:PageSize must be from 1 to 1000",
        ]);
    }

    [Fact]
    public void Client_WithIncompleteOptions_RefusesToStart_NamingWhatIsMissing()
    {
        using var http = new HttpClient();
        var options = Microsoft.Extensions.Options.Options.Create(new ConnectWiseOptions { BaseUrl = "http://127.0.0.1:1/", CompanyId = "contoso", PublicKey = "pub" });

        var error = Should.Throw<InvalidOperationException>(() => new ConnectWiseClient(http, options));

        error.Message.ShouldBe("ConnectWise is not configured: ConnectWise:PrivateKey is required; ConnectWise:ClientId is required.");
    }

    [Fact]
    public void Conditions_QuoteStrings_BracketDates_AndJoinWithAnd()
    {
        ConnectWiseConditions.Text("O\"Brien").ShouldBe("\"O\\\"Brien\"");
        ConnectWiseConditions.And(ConnectWiseConditions.UpdatedSince(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero)), "company/id=250", null)
            .ShouldBe("(lastUpdated>[2026-10-01T00:00:00Z]) and (company/id=250)");
        ConnectWiseConditions.And().ShouldBeNull();
    }

    [Fact]
    public async Task CompanyInfo_DiscoversTheCodebase()
    {
        await using var stub = await ConnectWiseStub.StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false });

        var info = await ConnectWiseSite.GetCompanyInfoAsync(http, stub.SiteUrl.ToString(), "contoso", CancellationToken.None);
        var unknown = await Should.ThrowAsync<ConnectWiseApiException>(() => ConnectWiseSite.GetCompanyInfoAsync(http, stub.SiteUrl.ToString(), "nobody", CancellationToken.None));

        info.Codebase.ShouldBe("v4_6_release/");
        info.CompanyName.ShouldBe("Contoso MSP");
        info.IsCloud.ShouldBe(true);
        unknown.Kind.ShouldBe(ConnectWiseErrorKind.NotFound);
        unknown.Message.ShouldContain("does not know company nobody");
    }
}
