using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Evidence.Audit;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

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

    [Fact]
    public async Task Verify_AfterTheLastEntriesAreDeleted_NamesTheCutAgainstTheLastSeal()
    {
        var (admin, _) = await AuditedWorkAsync();
        var sealResponse = await admin.PostAsync("/api/audit/seals", null);
        sealResponse.StatusCode.ShouldBe(HttpStatusCode.Created, await sealResponse.Content.ReadAsStringAsync());
        var seal = (await sealResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        var sealed_ = seal["entries"]!.GetValue<long>();
        var published = (await admin.GetFromJsonAsync<JsonArray>("/api/workflow-instances/audit-chain/evidence"))!.Select(e => e!.AsObject()).ToList();
        published.ShouldContain(e => e["name"]!.GetValue<string>() == $"Audit chain seal #{seal["number"]!.GetValue<int>()}"
            && e["note"]!.GetValue<string>().Contains($"recorded {sealed_} (head {seal["head"]!.GetValue<string>()})", StringComparison.Ordinal));
        var removed = await host.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence > sealed_ - 2).ToListAsync());
        await host.WithDbAsync(db => db.Database.ExecuteSqlAsync($"DELETE FROM audit_log WHERE sequence > {sealed_ - 2}"));

        var verify = (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;

        verify["intact"]!.GetValue<bool>().ShouldBeFalse();
        verify["entriesChecked"]!.GetValue<long>().ShouldBe(sealed_ - 2);
        verify["firstBrokenSequence"]!.GetValue<long>().ShouldBe(sealed_ - 1);
        verify["reason"]!.GetValue<string>().ShouldStartWith($"chain has {sealed_ - 2} entries but seal #{seal["number"]!.GetValue<int>()} of ");
        verify["reason"]!.GetValue<string>().ShouldContain($"recorded {sealed_} (head {seal["head"]!.GetValue<string>()})");
        verify["lastSeal"]!["number"]!.GetValue<int>().ShouldBe(seal["number"]!.GetValue<int>());
        var resealed = await admin.PostAsync("/api/audit/seals", null);
        resealed.StatusCode.ShouldBe(HttpStatusCode.Conflict, "a new seal would hide the cut");
        (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!["lastSeal"]!["number"]!.GetValue<int>().ShouldBe(seal["number"]!.GetValue<int>());
        await host.WithDbAsync(async db =>
        {
            db.AddRange(removed);
            return await db.SaveChangesAsync();
        });
        (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!["intact"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Verify_AfterAnEntryIsEditedAndTheFollowingHashesRecomputedWithThePublicFormula_NamesTheEditedEntry()
    {
        var (admin, entries) = await AuditedWorkAsync();
        var victim = entries[^3]!["sequence"]!.GetValue<long>();
        var originals = await host.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence >= victim).OrderBy(e => e.Sequence).ToListAsync());
        var previous = originals[0].PreviousHash;
        foreach (var entry in originals)
        {
            var actor = entry.Sequence == victim ? "someone-else" : entry.Actor;
            var hash = AuditEntry.ComputeHash(entry.Sequence, entry.At, actor, entry.Action, entry.Subject, entry.DataJson, previous);
            var sequence = entry.Sequence;
            await host.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET actor = {actor}, previous_hash = {previous}, hash = {hash} WHERE sequence = {sequence}"));
            previous = hash;
        }

        var verify = (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;

        verify["intact"]!.GetValue<bool>().ShouldBeFalse();
        verify["firstBrokenSequence"]!.GetValue<long>().ShouldBe(victim);
        verify["reason"]!.GetValue<string>().ShouldContain("without the chain's key");
        verify["keyed"]!.GetValue<bool>().ShouldBeTrue();
        foreach (var entry in originals)
        {
            await host.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET actor = {entry.Actor}, previous_hash = {entry.PreviousHash}, hash = {entry.Hash} WHERE sequence = {entry.Sequence}"));
        }

        (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!["intact"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Verify_EntriesMadeBeforeTheKeyExisted_StillVerify_AndARewriteOfThemAfterASealIsCaught()
    {
        await AuditedWorkAsync();
        var sealFile = host.Services.GetRequiredService<AuditSealFile>().Path;
        File.Delete(sealFile);
        // The chain as an older version wrote it: every entry under the public formula, no seal yet.
        var all = await host.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().OrderBy(e => e.Sequence).ToListAsync());
        var previous = AuditEntry.GenesisHash;
        foreach (var entry in all)
        {
            var hash = AuditEntry.ComputeHash(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Subject, entry.DataJson, previous);
            await host.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET previous_hash = {previous}, hash = {hash} WHERE sequence = {entry.Sequence}"));
            previous = hash;
        }

        var (admin, _) = await AuditedWorkAsync();
        var verify = (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;
        var seal = (await (await admin.PostAsync("/api/audit/seals", null)).Content.ReadFromJsonAsync<JsonObject>())!;

        verify["intact"]!.GetValue<bool>().ShouldBeTrue(verify.ToJsonString());
        verify["legacyEntries"]!.GetValue<long>().ShouldBe(all.Count);
        verify["entriesChecked"]!.GetValue<long>().ShouldBeGreaterThan(all.Count);
        seal["legacyEntries"]!.GetValue<long>().ShouldBe(all.Count);
        var keyed = await host.WithDbAsync(db => db.Set<AuditEntry>().AsNoTracking().Where(e => e.Sequence > all.Count).OrderBy(e => e.Sequence).ToListAsync());
        previous = all.Count == 0 ? AuditEntry.GenesisHash : keyed[0].PreviousHash;
        foreach (var entry in keyed)
        {
            var hash = AuditEntry.ComputeHash(entry.Sequence, entry.At, entry.Actor, entry.Action, entry.Subject, entry.DataJson, previous);
            await host.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET previous_hash = {previous}, hash = {hash} WHERE sequence = {entry.Sequence}"));
            previous = hash;
        }

        var rewritten = (await admin.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!;

        rewritten["intact"]!.GetValue<bool>().ShouldBeFalse();
        rewritten["firstBrokenSequence"]!.GetValue<long>().ShouldBe(all.Count + 1);
        rewritten["reason"]!.GetValue<string>().ShouldContain("made before the key");
        foreach (var entry in keyed)
        {
            await host.WithDbAsync(db => db.Database.ExecuteSqlAsync($"UPDATE audit_log SET previous_hash = {entry.PreviousHash}, hash = {entry.Hash} WHERE sequence = {entry.Sequence}"));
        }

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
