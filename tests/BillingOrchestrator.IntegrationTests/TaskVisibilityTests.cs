using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>Reading one task by id shows exactly what the task list shows each person: their roles' tasks and their own.</summary>
public abstract class TaskVisibilityTests(ProductHost host)
{
    [Theory]
    [InlineData("psa-admin@demo.local")]
    [InlineData("service@demo.local")]
    public async Task GetTaskById_OfAnotherRolesTask_Is404_AsTheListHidesIt(string outsider)
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId, new { amount = 10 });
        var review = await finance.WaitForTaskAsync(instance.Id(), "review");
        var client = await host.ClientForAsync(outsider);

        var listed = await client.TasksAsync(instance.Id());
        var response = await client.GetAsync($"/api/tasks/{review.Id()}");

        listed.ShouldBeEmpty();
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("\"title\":\"Review\"");
    }

    [Theory]
    [InlineData("finance@demo.local")]
    [InlineData("admin@demo.local")]
    [InlineData("auditor@demo.local")]
    public async Task GetTaskById_ForItsRole_AnAdminOrAnAuditor_Is200(string reader)
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId, new { amount = 10 });
        var review = await finance.WaitForTaskAsync(instance.Id(), "review");

        var response = await (await host.ClientForAsync(reader)).GetAsync($"/api/tasks/{review.Id()}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!.Id().ShouldBe(review.Id());
    }
}

public sealed class TaskVisibilityTestsOnSqlite(SqliteProductHost host) : TaskVisibilityTests(host), IClassFixture<SqliteProductHost>;

public sealed class TaskVisibilityTestsOnPostgres(PostgresProductHost host) : TaskVisibilityTests(host), IClassFixture<PostgresProductHost>;
