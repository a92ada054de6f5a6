using System.Net;
using BillingOrchestrator.Integrations.ConnectWise;
using BillingOrchestrator.Integrations.Tests.Support;

namespace BillingOrchestrator.Integrations.Tests;

public sealed class ConnectWiseRetryTests : IAsyncLifetime
{
    private ConnectWiseStub stub = null!;

    public async Task InitializeAsync() => stub = (await ConnectWiseStub.StartAsync()).ServeFixtureSite();

    public async Task DisposeAsync() => await stub.DisposeAsync();

    [Fact]
    public async Task RateLimitBurst_WaitsWhatRetryAfterSays_ThenReturnsEveryRecord()
    {
        using var test = new TestClient(stub);
        stub.Fail("time/entries", 3, HttpStatusCode.TooManyRequests, retryAfter: "2");

        var entries = await test.Client.GetTimeEntriesAsync().ToListAsync();

        entries.Count.ShouldBe(7);
        stub.RequestsTo("time/entries").Count.ShouldBe(4);
        test.Time.Delays.ShouldBe([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2)]);
        test.Logger.Lines.Count.ShouldBe(3);
        test.Logger.Lines[0].ShouldContain("429");
    }

    [Fact]
    public async Task RateLimit_WithRetryAfterAsHttpDate_WaitsUntilThatDate()
    {
        using var test = new TestClient(stub);
        var until = test.Time.Now.AddSeconds(30).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
        stub.Fail("system/members", 1, HttpStatusCode.TooManyRequests, retryAfter: until);

        (await test.Client.GetMembersAsync().ToListAsync()).Count.ShouldBe(3);

        test.Time.Delays.ShouldBe([TimeSpan.FromSeconds(30)]);
    }

    [Fact]
    public async Task RetryAfter_LongerThanMaxRetryDelay_IsCapped()
    {
        using var test = new TestClient(stub, o => o.MaxRetryDelay = TimeSpan.FromSeconds(10));
        stub.Fail("system/members", 1, HttpStatusCode.TooManyRequests, retryAfter: "3600");

        await test.Client.GetMembersAsync().ToListAsync();

        test.Time.Delays.ShouldBe([TimeSpan.FromSeconds(10)]);
    }

    [Fact]
    public async Task ServerErrorOnce_IsRetriedWithBackoff_ThenSucceeds()
    {
        using var test = new TestClient(stub, jitter: 0.5);
        stub.Fail("finance/invoices", 1, HttpStatusCode.InternalServerError);

        var invoices = await test.Client.GetInvoicesAsync().ToListAsync();

        invoices.Select(i => i.InvoiceNumber).ShouldBe(["INV-10421", "INV-10422"]);
        stub.RequestsTo("finance/invoices").Count.ShouldBe(2);

        // 1 s base, plus 25% x jitter 0.5.
        test.Time.Delays.ShouldBe([TimeSpan.FromMilliseconds(1125)]);
    }

    [Fact]
    public async Task ServerErrorOnALaterPage_RetriesThatPageOnly()
    {
        using var test = new TestClient(stub, o => o.PageSize = 2);
        stub.FailPage("company/companies", page: 2, times: 1);

        var companies = await test.Client.GetCompaniesAsync().ToListAsync();

        companies.Select(c => c.Id).ShouldBe([250, 251, 252, 253, 19297]);
        stub.RequestsTo("company/companies").Select(r => r.Query["page"]).ShouldBe(["1", "2", "2", "3"]);
    }

    [Fact]
    public async Task PersistentServerError_GivesAClearErrorAfterMaxRetries_WithDoublingDelays()
    {
        using var test = new TestClient(stub, o => o.MaxRetries = 3, jitter: 0);
        stub.Fail("service/tickets", 10, HttpStatusCode.ServiceUnavailable);

        var error = await Should.ThrowAsync<ConnectWiseApiException>(async () => await test.Client.GetTicketsAsync().ToListAsync());

        error.Kind.ShouldBe(ConnectWiseErrorKind.ServerError);
        error.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        error.Endpoint.ShouldBe("service/tickets");
        error.Message.ShouldBe("ConnectWise server error 503 for service/tickets after 4 attempt(s).");
        stub.RequestsTo("service/tickets").Count.ShouldBe(4);
        test.Time.Delays.ShouldBe([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)]);
    }

    [Fact]
    public async Task PersistentRateLimit_GivesARateLimitedError()
    {
        using var test = new TestClient(stub, o => o.MaxRetries = 2);
        stub.Fail("time/workTypes", 5, HttpStatusCode.TooManyRequests, retryAfter: "1");

        var error = await Should.ThrowAsync<ConnectWiseApiException>(async () => await test.Client.GetWorkTypesAsync().ToListAsync());

        error.Kind.ShouldBe(ConnectWiseErrorKind.RateLimited);
        error.Message.ShouldContain("still 429 Too Many Requests after 3 attempt(s)");
    }

    [Fact]
    public async Task ClientErrors_AreNotRetried()
    {
        using var test = new TestClient(stub);
        stub.Fail("time/workRoles", 1, HttpStatusCode.Forbidden);

        await Should.ThrowAsync<ConnectWiseApiException>(async () => await test.Client.GetWorkRolesAsync().ToListAsync());

        stub.RequestsTo("time/workRoles").Count.ShouldBe(1);
        test.Time.Delays.ShouldBeEmpty();
    }
}
