using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using BillingOrchestrator.Workflows.Instances;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// Numbers the engine cannot compute with (beyond decimal's range) are refused where they enter, naming the field,
/// instead of being stored and faulting the instance at its first Decision.
/// </summary>
public abstract class OutOfRangeNumberTests(ProductHost host)
{
    private static StringContent RawJson(string json) => new(json, Encoding.UTF8, "application/json");

    private Task<int> InstancesOfAsync(string definitionId) =>
        host.WithDbAsync(db => db.Set<WorkflowInstance>().CountAsync(i => i.DefinitionId == definitionId));

    [Theory]
    [InlineData("1e400")]
    [InlineData("-1e300")]
    [InlineData("79228162514264337593543950336")]
    public async Task Start_WithAnAmountBeyondDecimal_Is400NamingInputAmount_AndWritesNoInstance(string amount)
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var before = await InstancesOfAsync(TestWorkflows.Approval.DefinitionId);

        var response = await finance.PostAsync("/api/workflow-instances", RawJson($$$"""{"definitionId":"{{{TestWorkflows.Approval.DefinitionId}}}","input":{"amount":{{{amount}}}}}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["input.amount"]);
        errors["input.amount"]!.ToJsonString().ShouldContain("out of range");
        (await InstancesOfAsync(TestWorkflows.Approval.DefinitionId)).ShouldBe(before);
    }

    [Fact]
    public async Task Start_WithAnOutOfRangeNumberNestedInAnObjectVariable_NamesItsPath()
    {
        var finance = await host.ClientForAsync("finance@demo.local");

        var response = await finance.PostAsync("/api/workflow-instances", RawJson($$$$"""{"definitionId":"{{{{TestWorkflows.Approval.DefinitionId}}}}","input":{"amount":5,"review":{"lines":[1,2e999]}}}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["input.review.lines[1]"]);
    }

    [Fact]
    public async Task Start_WithTheSmallestDecimal_IsAccepted()
    {
        var finance = await host.ClientForAsync("finance@demo.local");

        var response = await finance.PostAsync("/api/workflow-instances", RawJson($$$"""{"definitionId":"{{{TestWorkflows.Approval.DefinitionId}}}","input":{"amount":-79228162514264337593543950335}}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TaskCompletion_WithOutOfRangeData_Is400NamingTheDataField_AndTheTaskStaysOpenAtItsRevision()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId, new { amount = 10 });
        var review = await finance.WaitForTaskAsync(instance.Id(), "review");

        var response = await finance.PostAsync($"/api/tasks/{review.Id()}/complete", RawJson(
            $$$"""{"expectedRevision":{{{review["revision"]}}},"operationId":"{{{Guid.NewGuid():N}}}","outcome":"Approve","data":{"reason":"ok","hours":1e400}}"""));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ShouldBe(["data.hours"]);
        var after = (await finance.GetFromJsonAsync<JsonObject>($"/api/tasks/{review.Id()}"))!;
        after["status"]!.GetValue<string>().ShouldNotBe("Completed");
        after["revision"]!.GetValue<long>().ShouldBe(review["revision"]!.GetValue<long>());
        (await finance.JournalAsync(instance.Id())).Count(j => j!["event"]!.GetValue<string>() == "TaskCompleted").ShouldBe(0);
    }
}

public sealed class OutOfRangeNumberTestsOnSqlite(SqliteProductHost host) : OutOfRangeNumberTests(host), IClassFixture<SqliteProductHost>;

public sealed class OutOfRangeNumberTestsOnPostgres(PostgresProductHost host) : OutOfRangeNumberTests(host), IClassFixture<PostgresProductHost>;
