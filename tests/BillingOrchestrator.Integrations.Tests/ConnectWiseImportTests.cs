using System.Text.Json.Nodes;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Sync;
using BillingOrchestrator.Integrations.ConnectWise.Export;
using BillingOrchestrator.Integrations.ConnectWise.Mapping;
using BillingOrchestrator.Integrations.ConnectWise.Sync;
using BillingOrchestrator.Integrations.Import;
using BillingOrchestrator.Integrations.Tests.Support;

namespace BillingOrchestrator.Integrations.Tests;

public sealed class ConnectWiseImportTests
{
    private static readonly PsaRecord Stale = new(EntityKind.Company, 999, 999, null, null, """{"id":999,"identifier":"OLD","name":"Gone Ltd"}""");

    [Fact]
    public async Task AGoodFolder_ReplacesEveryStoredRecord_InOneCall()
    {
        var store = await StoreHoldingAStaleRecordAsync();

        var result = await Import(store).ImportFolderAsync(Fixtures.SiteFolder, CancellationToken.None);

        result.Problems.ShouldBeEmpty();
        var summary = result.Value!;
        summary.Total.ShouldBe(33);
        summary.Counts.ShouldBe(new Dictionary<EntityKind, int>
        {
            [EntityKind.Company] = 5,
            [EntityKind.Member] = 3,
            [EntityKind.WorkType] = 4,
            [EntityKind.WorkRole] = 3,
            [EntityKind.AgreementType] = 2,
            [EntityKind.Agreement] = 3,
            [EntityKind.ServiceTicket] = 4,
            [EntityKind.TimeEntry] = 7,
            [EntityKind.Invoice] = 2,
        }, ignoreOrder: true);
        summary.Source.ShouldBe(ConnectWiseImport.SourcePrefix + Path.GetFullPath(Fixtures.SiteFolder));
        store.ReplaceAllCalls.ShouldBe(1);
        store.LastReplaceSource.ShouldBe(summary.Source);
        store.Records.ContainsKey((EntityKind.Company, 999)).ShouldBeFalse();
        var site = (await ConnectWiseExport.ReadAsync(Fixtures.SiteFolder, CancellationToken.None)).Value!;
        var expected = ConnectWiseMapper.ToRecords(ConnectWiseMapper.MapSnapshot(site, null, DateOnly.MinValue, DateOnly.MinValue).Value!, site);
        store.Records.Values.ShouldBe(expected, ignoreOrder: true);
        store.Get(EntityKind.TimeEntry, 7007).LastUpdated.ShouldBe(new DateTimeOffset(2026, 2, 10, 7, 0, 0, TimeSpan.Zero));
        store.Get(EntityKind.Agreement, 101).DataJson.ShouldContain("\"additions\":[{\"id\":501");
    }

    [Fact]
    public async Task AFolderThatFailsItsChecks_WritesNothing_AndListsEveryProblemByFileRowAndField()
    {
        var store = await StoreHoldingAStaleRecordAsync();
        using var folder = Fixtures.CopySite();
        Edit(folder, ConnectWiseExportFiles.TimeEntries, rows => rows[1]!["actualHours"] = "lots");
        Edit(folder, ConnectWiseExportFiles.Agreements, rows => rows[0]!.AsObject().Remove("type"));

        var result = await Import(store).ImportFolderAsync(folder.Path, CancellationToken.None);

        result.Succeeded.ShouldBeFalse();
        result.Problems.ShouldBe(
        [
            new ImportProblem("time-entries.json", 2, "actualHours", "has the wrong type: expected a number"),
            new ImportProblem("agreements.json", 1, "type", "is required"),
        ], ignoreOrder: true);
        store.ReplaceAllCalls.ShouldBe(0);
        store.Records.Keys.ShouldBe([(EntityKind.Company, 999)]);
    }

    [Fact]
    public async Task AFolderWithValuesTheDomainCannotHold_WritesNothing_AndListsEveryOne()
    {
        var store = await StoreHoldingAStaleRecordAsync();
        using var folder = Fixtures.CopySite();
        Edit(folder, ConnectWiseExportFiles.TimeEntries, rows => rows[2]!["status"] = "Paused");
        Edit(folder, ConnectWiseExportFiles.Agreements, rows => rows[1]!["applicationCycle"] = "Fortnightly");
        Edit(folder, ConnectWiseExportFiles.AgreementAdditions, rows => rows[1]!["billCustomer"] = "Sometimes");
        Edit(folder, ConnectWiseExportFiles.Invoices, rows => rows[0]!.AsObject().Remove("total"));

        var result = await Import(store).ImportFolderAsync(folder.Path, CancellationToken.None);

        result.Succeeded.ShouldBeFalse();
        result.Problems.Select(p => (p.File, p.Row, p.Field)).ShouldBe(
        [
            ("agreement-additions.json", 2, "billCustomer"),
            ("agreements.json", 2, "applicationCycle"),
            ("time-entries.json", 3, "status"),
            ("invoices.json", 1, "total"),
        ], ignoreOrder: true);
        result.Problems.Single(p => p.Field == "status").Reason.ShouldStartWith("\"Paused\" is not a known value (expected Open, ");
        store.ReplaceAllCalls.ShouldBe(0);
        store.Records.Keys.ShouldBe([(EntityKind.Company, 999)]);
    }

    [Fact]
    public async Task AMissingFolder_WritesNothing()
    {
        var store = await StoreHoldingAStaleRecordAsync();
        var missing = Path.Combine(Path.GetTempPath(), "cw-missing-" + Guid.NewGuid().ToString("N"));

        var result = await Import(store).ImportFolderAsync(missing, CancellationToken.None);

        result.Problems.ShouldBe([new ImportProblem(missing, 0, "(folder)", "does not exist")]);
        store.ReplaceAllCalls.ShouldBe(0);
    }

    private static ConnectWiseImport Import(IPsaRecordStore store) => new(store, new ListLogger<ConnectWiseImport>());

    private static async Task<InMemoryPsaRecordStore> StoreHoldingAStaleRecordAsync()
    {
        var store = new InMemoryPsaRecordStore();
        await store.UpsertAsync(EntityKind.Company, [Stale], null, "earlier", CancellationToken.None);
        return store;
    }

    private static void Edit(TempFolder folder, string file, Action<JsonArray> change)
    {
        var rows = JsonNode.Parse(File.ReadAllText(folder.File(file)))!.AsArray();
        change(rows);
        File.WriteAllText(folder.File(file), rows.ToJsonString());
    }
}
