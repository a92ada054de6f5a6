using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Evidence.Audit;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>Every command lands in the hash-chained audit log; tampering is found by /api/audit/verify.</summary>
public abstract class AuditTrailTests(ProductHost host)
{
    [Fact]
    public async Task Commands_AreAuditedWithActorAndSubject_AndParallelAppendsKeepTheChainWhole()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var auditor = await host.ClientForAsync("auditor@demo.local");
        var started = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => finance.StartAsync(TestWorkflows.Approval.DefinitionId, correlationId: $"audit-{i}")));
        var review = await finance.WaitForTaskAsync(started[0].Id(), "review");
        (await finance.CompleteAsync(review, "Reject", new { reason = "duplicate" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var entries = (await auditor.GetFromJsonAsync<JsonArray>("/api/audit?take=200"))!.Select(e => e!.AsObject()).ToList();

        entries.Select(e => e["sequence"]!.GetValue<long>()).ShouldBe(Enumerable.Range(1, entries.Count).Select(i => (long)i));
        entries.Count(e => e["action"]!.GetValue<string>() == "instances.start" && e["dataJson"]!.GetValue<string>().Contains("\"correlationId\":\"audit-", StringComparison.Ordinal)).ShouldBe(12);
        var completion = entries.Single(e => e["action"]!.GetValue<string>() == "tasks.complete");
        completion["actor"]!.GetValue<string>().ShouldBe("finance@demo.local");
        completion["subject"]!.GetValue<string>().ShouldBe($"task:{review.Id()}");
        completion["dataJson"]!.GetValue<string>().ShouldContain("duplicate");
        var verify = (await auditor.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;
        verify["intact"]!.GetValue<bool>().ShouldBeTrue();
        verify["entriesChecked"]!.GetValue<long>().ShouldBe(entries.Count);
    }

    [Fact]
    public async Task Verify_AfterAnEntryIsAlteredInTheDatabase_NamesTheFirstBrokenEntry()
    {
        var (admin, entries) = await AuditedWorkAsync();
        var victim = entries[^2]!["sequence"]!.GetValue<long>();
        await host.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET actor = 'someone-else' WHERE sequence = {victim}"));

        var verify = (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;

        verify["intact"]!.GetValue<bool>().ShouldBeFalse();
        verify["firstBrokenSequence"]!.GetValue<long>().ShouldBe(victim);
        await host.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET actor = 'finance@demo.local' WHERE sequence = {victim}"));
    }

    [Fact]
    public async Task Verify_AfterAnEntryIsDeletedFromTheDatabase_NamesTheGap()
    {
        var (admin, entries) = await AuditedWorkAsync();
        var victim = entries[^2]!["sequence"]!.GetValue<long>();
        var removed = await host.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().SingleAsync(e => e.Sequence == victim));
        await host.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM audit_log WHERE sequence = {victim}"));

        var verify = (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;

        verify["intact"]!.GetValue<bool>().ShouldBeFalse();
        verify["firstBrokenSequence"]!.GetValue<long>().ShouldBe(victim + 1);
        verify["reason"]!.GetValue<string>().ShouldContain("missing");
        await host.WithDbAsync(async db =>
        {
            db.Add(removed);
            return await db.SaveChangesAsync();
        });
        (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!["intact"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Verify_AfterTwoEntriesAreSwappedInTheDatabase_NamesTheFirstOfThem()
    {
        var (admin, entries) = await AuditedWorkAsync();
        var first = entries[^3]!["sequence"]!.GetValue<long>();
        var second = first + 1;
        await SwapAsync(first, second);

        var verify = (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;

        verify["intact"]!.GetValue<bool>().ShouldBeFalse();
        verify["firstBrokenSequence"]!.GetValue<long>().ShouldBe(first);
        await SwapAsync(first, second);
        (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!["intact"]!.GetValue<bool>().ShouldBeTrue();
    }

    /// <summary>Three audited starts, then the log as an admin reads it: the entries the tamper tests pick their victims from.</summary>
    private async Task<(HttpClient Admin, JsonArray Entries)> AuditedWorkAsync()
    {
        var admin = await host.ClientForAsync("admin@demo.local");
        var finance = await host.ClientForAsync("finance@demo.local");
        for (var i = 0; i < 3; i++)
        {
            await finance.StartAsync(TestWorkflows.Timer.DefinitionId);
        }

        return (admin, (await admin.GetFromJsonAsync<JsonArray>("/api/audit?take=200"))!);
    }

    private Task<int> SwapAsync(long first, long second) => host.WithDbAsync(async db =>
    {
        await db.Database.ExecuteSqlAsync($"UPDATE audit_log SET sequence = -1 WHERE sequence = {first}");
        await db.Database.ExecuteSqlAsync($"UPDATE audit_log SET sequence = {first} WHERE sequence = {second}");
        return await db.Database.ExecuteSqlAsync($"UPDATE audit_log SET sequence = {second} WHERE sequence = -1");
    });

    [Fact]
    public async Task AuditLog_IsForAuditorsAndAdminsOnly()
    {
        var finance = await host.ClientForAsync("finance@demo.local");

        (await finance.GetAsync("/api/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await finance.GetAsync("/api/audit/verify")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}

public sealed class AuditTrailTestsOnSqlite(SqliteProductHost host) : AuditTrailTests(host), IClassFixture<SqliteProductHost>;

public sealed class AuditTrailTestsOnPostgres(PostgresProductHost host) : AuditTrailTests(host), IClassFixture<PostgresProductHost>;
