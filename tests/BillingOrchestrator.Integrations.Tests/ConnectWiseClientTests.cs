using System.Text;
using System.Text.Json.Nodes;
using BillingOrchestrator.Integrations.ConnectWise;
using BillingOrchestrator.Integrations.ConnectWise.Model;
using BillingOrchestrator.Integrations.Tests.Support;
using Microsoft.AspNetCore.Http;

namespace BillingOrchestrator.Integrations.Tests;

public sealed class ConnectWiseClientTests : IAsyncLifetime
{
    private ConnectWiseStub stub = null!;

    public async Task InitializeAsync() => stub = (await ConnectWiseStub.StartAsync()).ServeFixtureSite();

    public async Task DisposeAsync() => await stub.DisposeAsync();

    [Fact]
    public async Task ListAsync_FollowsLinkHeaderNext_AcrossThreePages_AndStopsWhenItIsAbsent()
    {
        using var test = new TestClient(stub, o => o.PageSize = 2);

        var companies = await test.Client.GetCompaniesAsync().ToListAsync();

        companies.Select(c => c.Id).ShouldBe([250, 251, 252, 253, 19297]);
        var requests = stub.RequestsTo("company/companies");
        requests.Select(r => r.Query["page"]).ShouldBe(["1", "2", "3"]);
        requests.ShouldAllBe(r => r.Query["pageSize"] == "2");
    }

    [Fact]
    public async Task ListAsync_DefaultPageSize_Is1000_AndOneShortPageMeansOneRequest()
    {
        using var test = new TestClient(stub);

        var entries = await test.Client.GetTimeEntriesAsync().ToListAsync();

        entries.Count.ShouldBe(7);
        var request = stub.RequestsTo("time/entries").ShouldHaveSingleItem();
        request.Query["pageSize"].ShouldBe("1000");
        request.Query["page"].ShouldBe("1");
    }

    [Fact]
    public async Task GetAgreementsAsync_UpdatedSince_SendsUrlEncodedLastUpdatedCondition_OnEveryPage()
    {
        using var test = new TestClient(stub, o => o.PageSize = 1);

        var agreements = await test.Client.GetAgreementsAsync(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero)).ToListAsync();

        agreements.Select(a => a.Id).ShouldBe([102, 103]);
        var requests = stub.RequestsTo("finance/agreements");
        requests.Count.ShouldBe(2);
        requests.ShouldAllBe(r => r.Query["conditions"] == "lastUpdated>[2026-01-01T00:00:00Z]");
        requests[0].RawQuery.ShouldContain("conditions=lastUpdated%3E%5B2026-01-01T00%3A00%3A00Z%5D");
    }

    [Fact]
    public async Task UpdatedSince_WithAnOffset_IsSentInUtc()
    {
        using var test = new TestClient(stub);

        await test.Client.GetTimeEntriesAsync(new DateTimeOffset(2026, 1, 20, 14, 0, 0, TimeSpan.FromHours(2))).ToListAsync();

        stub.RequestsTo("time/entries").ShouldHaveSingleItem().Query["conditions"].ShouldBe("lastUpdated>[2026-01-20T12:00:00Z]");
    }

    [Fact]
    public async Task Requests_CarryBasicCompanyPlusPublicColonPrivate_AndTheClientIdHeader()
    {
        using var test = new TestClient(stub);

        await test.Client.GetMembersAsync().ToListAsync();

        var request = stub.RequestsTo("system/members").ShouldHaveSingleItem();
        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes("contoso+Pk7hQ2xLmN4vR8sT:Sk9wE3rT6yU1iO5pA2dF"));
        request.Authorization.ShouldBe("Basic " + expected);
        request.ClientId.ShouldBe(TestClient.ClientId);
    }

    [Fact]
    public async Task Records_MapTheApiShape_MoneyAsDecimal_DatesAsUtc_InfoLinks_AndKeepUnknownFields()
    {
        using var test = new TestClient(stub);

        var entry = (await test.Client.GetTimeEntriesAsync().ToListAsync()).Single(e => e.Id == 7002);
        var invoice = (await test.Client.GetInvoicesAsync().ToListAsync()).Single(i => i.Id == 9001);
        var company = (await test.Client.GetCompaniesAsync().ToListAsync()).Single(c => c.Id == 250);

        entry.HourlyRate.ShouldBe(277.50m);
        entry.ActualHours.ShouldBe(3m);
        entry.TimeStart.ShouldBe(new DateTimeOffset(2026, 1, 12, 23, 0, 0, TimeSpan.Zero));
        entry.BillableOption.ShouldBe("Billable");
        entry.Company!.Identifier.ShouldBe("ACME");
        entry.Company.Info!.Href("company").ShouldBe("https://api-na.myconnectwise.net/v4_6_release/apis/3.0/company/companies/250");
        entry.Ticket!.Id.ShouldBe(3002);
        entry.Ticket.Additional!["summary"].GetString().ShouldBe("Server patching - after hours");
        entry.Info!.LastUpdated.ShouldBe(new DateTimeOffset(2026, 1, 13, 2, 5, 0, TimeSpan.Zero));
        entry.Info.UpdatedBy.ShouldBe("adavis");
        invoice.Total.ShouldBe(3437.38m);
        invoice.SalesTax.ShouldBe(224.88m);
        invoice.Status!.Name.ShouldBe("Sent");
        company.Additional!["addressLine1"].GetString().ShouldBe("1 Main St");
        company.Info!.Href("sites").ShouldBe("https://api-na.myconnectwise.net/v4_6_release/apis/3.0/company/companies/250/sites");
    }

    [Fact]
    public async Task AgreementSubResources_AreReadPerAgreement_AndCarryTheAgreementId_EvenWhenTheServerOmitsIt()
    {
        using var test = new TestClient(stub);
        stub.Serve("finance/agreements/101/additions", new JsonArray(JsonNode.Parse("""{"id": 555, "product": {"id": 77, "identifier": "M365-BP"}, "quantity": 3, "_info": {}}""")));

        var additions = await test.Client.GetAgreementAdditionsAsync(101).ToListAsync();
        var exclusions = await test.Client.GetAgreementWorkTypeExclusionsAsync(101).ToListAsync();

        additions.ShouldHaveSingleItem().AgreementId.ShouldBe(101);
        exclusions.ShouldHaveSingleItem().WorkType!.Name.ShouldBe("After Hours");
        stub.RequestsTo("finance/agreements/101/workTypeExclusions").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task GetAsync_ReadsOneObject()
    {
        using var test = new TestClient(stub);
        stub.RespondRaw("finance/agreements/101", Fixtures.Load("agreements.json")[0]!.ToJsonString());

        var agreement = await test.Client.GetAsync<Agreement>("/finance/agreements/101");

        agreement.Name.ShouldBe("Acme - Managed Services");
        agreement.ApplicationLimit.ShouldBe(20.0m);
        agreement.CustomFields.ShouldNotBeNull().ShouldHaveSingleItem().Value!.Value.GetString().ShouldBe("Alice Davis");
    }

    [Fact]
    public async Task Paging_ThatLoopsBackToAReadPage_IsReportedInsteadOfRunningForever()
    {
        using var test = new TestClient(stub);
        stub.Enqueue("system/members", async context =>
        {
            context.Response.Headers.Link = $"<{stub.BaseUrl}system/members?pageSize=1000&page=1>; rel=\"next\"";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("[]");
        });

        var error = await Should.ThrowAsync<ConnectWiseApiException>(async () => await test.Client.GetMembersAsync().ToListAsync());

        error.Kind.ShouldBe(ConnectWiseErrorKind.MalformedResponse);
        error.Message.ShouldContain("system/members");
    }

    [Fact]
    public async Task ListAsync_RefusesAnEndpointWithAHostOrQuery_BeforeSendingAnything()
    {
        using var test = new TestClient(stub);

        await Should.ThrowAsync<ArgumentException>(async () => await test.Client.ListAsync<Company>("https://evil.example/x").ToListAsync());
        await Should.ThrowAsync<ArgumentException>(async () => await test.Client.ListAsync<Company>("company/companies?pageSize=5").ToListAsync());

        stub.Requests.ShouldBeEmpty();
    }
}
