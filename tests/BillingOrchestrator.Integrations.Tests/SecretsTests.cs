using System.Net;
using System.Text;
using BillingOrchestrator.Integrations.ConnectWise;
using BillingOrchestrator.Integrations.Tests.Support;

namespace BillingOrchestrator.Integrations.Tests;

public sealed class SecretsTests : IAsyncLifetime
{
    private static readonly string[] Secrets =
    [
        TestClient.PublicKey,
        TestClient.PrivateKey,
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestClient.CompanyId}+{TestClient.PublicKey}:{TestClient.PrivateKey}")),
    ];

    private ConnectWiseStub stub = null!;

    public async Task InitializeAsync() => stub = (await ConnectWiseStub.StartAsync()).ServeFixtureSite();

    public async Task DisposeAsync() => await stub.DisposeAsync();

    [Fact]
    public void Options_StringForm_ShowsWhereButNeverTheKeys()
    {
        var options = new ConnectWiseOptions
        {
            Site = "api-na.myconnectwise.net",
            Codebase = "v4_6_release",
            CompanyId = TestClient.CompanyId,
            PublicKey = TestClient.PublicKey,
            PrivateKey = TestClient.PrivateKey,
            ClientId = TestClient.ClientId,
        };

        var text = options.ToString();

        text.ShouldContain("https://api-na.myconnectwise.net/v4_6_release/apis/3.0/");
        text.ShouldContain("company=contoso");
        text.ShouldContain("privateKey=***");
        foreach (var secret in Secrets)
        {
            text.ShouldNotContain(secret);
        }
    }

    [Fact]
    public async Task EveryErrorMessageAndLogLine_FromAFailingRun_LeavesTheKeysOut()
    {
        using var test = new TestClient(stub, o => o.MaxRetries = 2);
        stub.Fail("time/entries", 5, HttpStatusCode.TooManyRequests, retryAfter: "1", jsonBody: $$"""{"message":"slow down {{TestClient.PublicKey}}"}""");
        stub.Fail("finance/invoices", 5, HttpStatusCode.InternalServerError, jsonBody: $$"""{"message":"boom for key {{TestClient.PrivateKey}}"}""");
        stub.Fail("finance/agreements", 1, HttpStatusCode.Forbidden);
        stub.RespondRaw("system/members", "[{\"id\": \"x\"}]");
        var messages = new List<string>();
        foreach (var call in new Func<Task>[]
        {
            async () => await test.Client.GetTimeEntriesAsync().ToListAsync(),
            async () => await test.Client.GetInvoicesAsync().ToListAsync(),
            async () => await test.Client.GetAgreementsAsync().ToListAsync(),
            async () => await test.Client.GetMembersAsync().ToListAsync(),
            async () => await test.Client.GetAgreementAdditionsAsync(12345).ToListAsync(),
        })
        {
            var error = await Should.ThrowAsync<ConnectWiseApiException>(call);
            messages.Add(error.ToString());
        }

        stub.AcceptedAuthorization = "Basic bm90LXRoZS1rZXk=";
        messages.Add((await Should.ThrowAsync<ConnectWiseApiException>(async () => await test.Client.GetCompaniesAsync().ToListAsync())).ToString());

        messages.Count.ShouldBe(6);
        test.Logger.Lines.Count.ShouldBe(4);
        messages[0].ShouldContain("slow down ***");
        messages[1].ShouldContain("boom for key ***");
        foreach (var line in messages.Concat(test.Logger.Lines))
        {
            foreach (var secret in Secrets)
            {
                line.ShouldNotContain(secret);
            }
        }
    }
}
