using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;

namespace BillingOrchestrator.IntegrationTests;

public sealed class AuthTests(SqliteProductHost host) : IClassFixture<SqliteProductHost>
{
    public static TheoryData<string, string> ProtectedEndpoints => new()
    {
        { "GET", "/api/workflow-definitions" },
        { "GET", "/api/workflow-definitions/test-approval" },
        { "POST", "/api/workflow-definitions" },
        { "POST", "/api/workflow-definitions/test-approval/publish" },
        { "GET", "/api/workflow-instances" },
        { "POST", "/api/workflow-instances" },
        { "POST", "/api/workflow-instances/x/cancel" },
        { "GET", "/api/tasks" },
        { "POST", "/api/tasks/x/complete" },
        { "POST", "/api/workflow-events" },
        { "GET", "/openapi/v1.json" },
        { "GET", "/api/auth/me" },
    };

    [Theory]
    [MemberData(nameof(ProtectedEndpoints))]
    public async Task Anonymous_IsRefusedWith401(string method, string path)
    {
        using var client = host.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "POST" ? JsonContent.Create(new { }) : null });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_WithWrongPassword_Returns401()
    {
        using var client = host.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { email = "finance@demo.local", password = "wrong" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain(ProductHost.DemoPassword);
    }

    [Fact]
    public async Task Token_WithoutFields_Returns400NamingThem()
    {
        using var client = host.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/token", new { });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).Order().ShouldBe(["email", "password"]);
    }

    [Fact]
    public async Task Token_ForDemoUser_CarriesTheirRole()
    {
        var auditor = await host.ClientForAsync("auditor@demo.local");

        var me = (await auditor.GetFromJsonAsync<JsonObject>("/api/auth/me"))!;

        me["name"]!.GetValue<string>().ShouldBe("auditor@demo.local");
        me["roles"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldBe(["Auditor"]);
    }

    [Fact]
    public async Task Auditor_CanReadButCannotStartOrComplete()
    {
        var auditor = await host.ClientForAsync("auditor@demo.local");

        (await auditor.GetAsync("/api/workflow-instances")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await auditor.PostAsJsonAsync("/api/workflow-instances", new { definitionId = TestWorkflows.Approval.DefinitionId })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await auditor.PostAsJsonAsync("/api/tasks/any/complete", new { expectedRevision = 1, operationId = "x", outcome = "Done" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task NonAdmin_CannotPublishDefinitions()
    {
        var finance = await host.ClientForAsync("finance@demo.local");

        var response = await finance.PostAsync("/api/workflow-definitions/test-approval/publish", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Cookie_SignIn_GivesAccessToTheApi()
    {
        using var client = host.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { HandleCookies = true });

        var login = await client.PostAsJsonAsync("/api/auth/login", new { email = "service@demo.local", password = ProductHost.DemoPassword });

        login.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.GetAsync("/api/tasks")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
