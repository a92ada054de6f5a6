using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>A task goes only to an existing, active person who holds its role; any other assignee is refused and nothing changes.</summary>
public abstract class TaskAssignmentTests(ProductHost host)
{
    private async Task<(HttpClient Finance, JsonObject Review)> FinanceTaskAsync()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId, new { amount = 10 });
        return (finance, await finance.WaitForTaskAsync(instance.Id(), "review"));
    }

    private static Task<HttpResponseMessage> AssignAsync(HttpClient client, JsonObject task, string assignee) =>
        client.PostAsJsonAsync($"/api/tasks/{task.Id()}/assign", new { expectedRevision = task["revision"]!.GetValue<long>(), operationId = Guid.NewGuid().ToString("N"), assignee });

    private async Task<string> FinanceLeadAsync(string email, bool lockedOut)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        var user = new IdentityUser { UserName = email, Email = email, EmailConfirmed = true };
        (await users.CreateAsync(user, ProductHost.DemoPassword)).Succeeded.ShouldBeTrue();
        (await users.AddToRoleAsync(user, "FinanceLead")).Succeeded.ShouldBeTrue();
        if (lockedOut)
        {
            (await users.SetLockoutEndDateAsync(user, DateTimeOffset.UtcNow.AddDays(1))).Succeeded.ShouldBeTrue();
        }

        return email;
    }

    [Theory]
    [InlineData("service@demo.local", "does not hold the task's role FinanceLead")]
    [InlineData("ghost@nowhere.invalid", "no such user")]
    [InlineData("auditor@demo.local", "does not hold the task's role FinanceLead")]
    public async Task Assign_ToSomeoneOutsideTheTasksRole_OrToNobody_Is400NamingAssignee_AndChangesNothing(string assignee, string reason)
    {
        var (finance, review) = await FinanceTaskAsync();

        var response = await AssignAsync(finance, review, assignee);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync());
        var errors = (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject();
        errors.Select(e => e.Key).ShouldBe(["assignee"]);
        errors["assignee"]!.AsArray().Select(r => r!.GetValue<string>()).ShouldHaveSingleItem().ShouldContain(reason);
        var after = (await finance.GetFromJsonAsync<JsonObject>($"/api/tasks/{review.Id()}"))!;
        after["status"]!.GetValue<string>().ShouldBe("Available");
        after["assignee"].ShouldBeNull();
        after["revision"]!.GetValue<long>().ShouldBe(review["revision"]!.GetValue<long>());
    }

    [Fact]
    public async Task Assign_ToALockedOutHolderOfTheRole_Is400NamingAssignee()
    {
        var (finance, review) = await FinanceTaskAsync();
        var locked = await FinanceLeadAsync($"locked-{Guid.NewGuid():N}@test.local", lockedOut: true);

        var response = await AssignAsync(finance, review, locked);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!["assignee"]!.AsArray().ShouldHaveSingleItem()!.GetValue<string>().ShouldContain("locked out");
        (await finance.GetFromJsonAsync<JsonObject>($"/api/tasks/{review.Id()}"))!["assignee"].ShouldBeNull();
    }

    [Fact]
    public async Task Assign_ToAnActiveHolderOfTheRole_AssignsTheTask()
    {
        var (finance, review) = await FinanceTaskAsync();
        var colleague = await FinanceLeadAsync($"colleague-{Guid.NewGuid():N}@test.local", lockedOut: false);

        var response = await AssignAsync(finance, review, colleague);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var after = (await finance.GetFromJsonAsync<JsonObject>($"/api/tasks/{review.Id()}"))!;
        after["status"]!.GetValue<string>().ShouldBe("Assigned");
        after["assignee"]!.GetValue<string>().ShouldBe(colleague);
    }
}

public sealed class TaskAssignmentTestsOnSqlite(SqliteProductHost host) : TaskAssignmentTests(host), IClassFixture<SqliteProductHost>;

public sealed class TaskAssignmentTestsOnPostgres(PostgresProductHost host) : TaskAssignmentTests(host), IClassFixture<PostgresProductHost>;
