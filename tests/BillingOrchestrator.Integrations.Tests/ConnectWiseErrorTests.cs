using System.Net;
using BillingOrchestrator.Integrations.ConnectWise;
using BillingOrchestrator.Integrations.Tests.Support;

namespace BillingOrchestrator.Integrations.Tests;

public sealed class ConnectWiseErrorTests : IAsyncLifetime
{
    private ConnectWiseStub stub = null!;

    public async Task InitializeAsync() => stub = (await ConnectWiseStub.StartAsync()).ServeFixtureSite();

    public async Task DisposeAsync() => await stub.DisposeAsync();

    [Fact]
    public async Task ExpiredKey_401_SaysCredentialsWereRejected_WithoutRetrying_AndWithoutTheKeys()
    {
        using var test = new TestClient(stub);
        stub.AcceptedAuthorization = "Basic " + Convert.ToBase64String("contoso+NewPublicKey:NewPrivateKey"u8.ToArray());

        var error = await Should.ThrowAsync<ConnectWiseApiException>(async () => await test.Client.GetAgreementsAsync().ToListAsync());

        error.Kind.ShouldBe(ConnectWiseErrorKind.Credentials);
        error.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        error.Endpoint.ShouldBe("finance/agreements");
        error.Message.ShouldStartWith("ConnectWise credentials rejected (check CompanyId/PublicKey/PrivateKey");
        error.Message.ShouldContain("finance/agreements");

        // The stub echoes the public key in its error message; the client must not pass it on.
        error.Message.ShouldContain("API key *** is not authorized or has expired");
        error.Message.ShouldNotContain(TestClient.PublicKey);
        error.Message.ShouldNotContain(TestClient.PrivateKey);
        stub.RequestsTo("finance/agreements").Count.ShouldBe(1);
    }

    [Fact]
    public async Task Forbidden_403_SaysTheApiMemberLacksPermissionForTheEndpoint()
    {
        using var test = new TestClient(stub);
        stub.Fail("finance/invoices", 1, HttpStatusCode.Forbidden);

        var error = await Should.ThrowAsync<ConnectWiseApiException>(async () => await test.Client.GetInvoicesAsync().ToListAsync());

        error.Kind.ShouldBe(ConnectWiseErrorKind.Permission);
        error.Message.ShouldStartWith("API member lacks permission for finance/invoices");
    }

    [Fact]
    public async Task NotFound_404_NamesTheEndpointAndWhatToCheck()
    {
        using var test = new TestClient(stub);

        var error = await Should.ThrowAsync<ConnectWiseApiException>(async () => await test.Client.GetAgreementAdditionsAsync(999).ToListAsync());

        error.Kind.ShouldBe(ConnectWiseErrorKind.NotFound);
        error.Endpoint.ShouldBe("finance/agreements/999/additions");
        error.Message.ShouldContain("ConnectWise has no finance/agreements/999/additions (404 Not Found)");
        error.Message.ShouldContain("Cannot find the requested resource");
    }

    [Fact]
    public async Task BadConditions_400_PassesOnWhatConnectWiseSaid()
    {
        using var test = new TestClient(stub);

        var error = await Should.ThrowAsync<ConnectWiseApiException>(
            async () => await test.Client.ListAsync<BillingOrchestrator.Integrations.ConnectWise.Model.TimeEntry>("time/entries", "nosuchfield=1").ToListAsync());

        error.Kind.ShouldBe(ConnectWiseErrorKind.Rejected);
        error.Message.ShouldBe("ConnectWise refused time/entries: 400 Bad Request. ConnectWise said: conditions is invalid Unknown field in conditions");
    }

    [Fact]
    public async Task MalformedJson_NamesTheEndpointAndTheJsonPath()
    {
        using var test = new TestClient(stub);
        stub.RespondRaw("finance/agreements", """[{"id": 101, "name": "Acme"}, {"id": 102, "billAmount": "lots"}]""");

        var error = await Should.ThrowAsync<ConnectWiseApiException>(async () => await test.Client.GetAgreementsAsync().ToListAsync());

        error.Kind.ShouldBe(ConnectWiseErrorKind.MalformedResponse);
        error.Endpoint.ShouldBe("finance/agreements");
        error.Message.ShouldStartWith("ConnectWise returned malformed JSON for finance/agreements at $[1].billAmount");
    }

    [Fact]
    public async Task TruncatedJson_IsAMalformedResponse_NotAnEmptyList()
    {
        using var test = new TestClient(stub);
        stub.RespondRaw("time/entries", """[{"id": 7001, "timeStart": "2026-01-05T14:00:00Z"}, {"id": 70""");

        var error = await Should.ThrowAsync<ConnectWiseApiException>(async () => await test.Client.GetTimeEntriesAsync().ToListAsync());

        error.Kind.ShouldBe(ConnectWiseErrorKind.MalformedResponse);
        error.Message.ShouldContain("malformed JSON for time/entries");
    }

    [Fact]
    public async Task HtmlInsteadOfJson_SaysWhatContentTypeCameBack()
    {
        using var test = new TestClient(stub);
        stub.RespondRaw("system/members", "<html><body>Sign in</body></html>", "text/html");

        var error = await Should.ThrowAsync<ConnectWiseApiException>(async () => await test.Client.GetMembersAsync().ToListAsync());

        error.Message.ShouldContain("malformed JSON for system/members at $");
        error.Message.ShouldContain("(content type text/html)");
    }

    [Fact]
    public async Task DateInTheWrongFormat_IsMalformed_AndNamesTheField()
    {
        using var test = new TestClient(stub);
        stub.RespondRaw("service/tickets", """[{"id": 3001, "closedDate": "yesterday"}]""");

        var error = await Should.ThrowAsync<ConnectWiseApiException>(async () => await test.Client.GetTicketsAsync().ToListAsync());

        error.Message.ShouldContain("at $[0].closedDate");
        error.Message.ShouldContain("\"yesterday\" is not an ISO 8601 date");
    }
}
