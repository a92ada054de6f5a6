using BillingOrchestrator.Integrations.ConnectWise;

namespace BillingOrchestrator.Integrations.Tests;

public sealed class LinkHeaderTests
{
    [Fact]
    public void Find_PicksTheNamedRelation_AmongSeveralLinks()
    {
        const string Header = "<https://api-na.myconnectwise.net/v4_6_release/apis/3.0/time/entries?pageSize=2&page=1>; rel=\"first\", "
            + "<https://api-na.myconnectwise.net/v4_6_release/apis/3.0/time/entries?pageSize=2&page=3>; rel=\"next\", "
            + "<https://api-na.myconnectwise.net/v4_6_release/apis/3.0/time/entries?pageSize=2&page=9>; rel=\"last\"";

        LinkHeader.Find([Header], "next").ShouldBe("https://api-na.myconnectwise.net/v4_6_release/apis/3.0/time/entries?pageSize=2&page=3");
        LinkHeader.Find([Header], "last").ShouldEndWith("page=9");
        LinkHeader.Find([Header], "prev").ShouldBeNull();
    }

    [Fact]
    public void Find_HandlesCommasInsideTheTarget_UnquotedRel_AndSeparateHeaderValues()
    {
        LinkHeader.Find(["</x?conditions=id in (1,2)&page=2>; rel=next"], "next").ShouldBe("/x?conditions=id in (1,2)&page=2");
        LinkHeader.Find(["</a?page=1>; rel=\"prev\"", "</a?page=3>; rel=\"next\""], "next").ShouldBe("/a?page=3");
    }
}
