using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Sync;
using BillingOrchestrator.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>PSA data in: export-folder import through the API, the record store's upserts and cursors, and the sync's refusals.</summary>
public abstract class PsaDataTests(ProductHost host)
{
    private const string PsaAdmin = "psa-admin@demo.local";

    private static string FixtureFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "BillingOrchestrator.Integrations.Tests", "Fixtures", "site");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("The ConnectWise fixture folder was not found above the test binaries.");
    }

    private string CopyToImports(string name, Action<string>? spoil = null)
    {
        var target = Path.Combine(host.Database.DataDirectory, "imports", name);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(FixtureFolder()))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)), overwrite: true);
        }

        spoil?.Invoke(target);
        return target;
    }

    [Fact]
    public async Task ImportExportFolder_StoresEveryRecord_AndABrokenFolderChangesNothing()
    {
        var psa = await host.ClientForAsync(PsaAdmin);
        CopyToImports("good");
        var expectedEntries = JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureFolder(), "time-entries.json")))!.AsArray().Count;

        var imported = await psa.PostAsJsonAsync("/api/psa/import", new { folder = "good" });

        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        var counts = (await psa.GetFromJsonAsync<JsonObject>("/api/psa/counts"))!;
        counts["TimeEntry"]!.GetValue<int>().ShouldBe(expectedEntries);
        counts["Agreement"]!.GetValue<int>().ShouldBeGreaterThan(0);

        CopyToImports("broken", folder => File.WriteAllText(Path.Combine(folder, "time-entries.json"), "[{\"id\": \"not a number\""));
        var refused = await psa.PostAsJsonAsync("/api/psa/import", new { folder = "broken" });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("time-entries.json");
        (await psa.GetFromJsonAsync<JsonObject>("/api/psa/counts"))!["TimeEntry"]!.GetValue<int>().ShouldBe(expectedEntries);
        var runs = (await psa.GetFromJsonAsync<JsonArray>("/api/psa/syncs"))!;
        // Newest first; other tests of the class share the host and may have imported before this one.
        runs.Take(2).Select(r => r!["succeeded"]!.GetValue<bool>()).ShouldBe([false, true]);
    }

    [Fact]
    public async Task CsvImport_ResolvesNamesAgainstStoredData_AndRefusesTheWholeFileOnAnUnknownName()
    {
        var psa = await host.ClientForAsync(PsaAdmin);
        CopyToImports("csv-base");
        (await psa.PostAsJsonAsync("/api/psa/import", new { folder = "csv-base" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var imports = Path.Combine(host.Database.DataDirectory, "imports");
        var csv = Path.Combine(Path.GetDirectoryName(FixtureFolder())!, "csv", "time-entries.csv");
        File.Copy(csv, Path.Combine(imports, "entries.csv"), overwrite: true);
        // Notes may span lines inside quotes: count records by their leading entry id.
        var rows = File.ReadAllLines(csv).Skip(1).Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^[0-9]+,"));

        var imported = await psa.PostAsJsonAsync("/api/psa/import-csv", new { file = "entries.csv", kind = "time-entries" });

        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        (await imported.Content.ReadFromJsonAsync<JsonObject>())!["imported"]!.GetValue<int>().ShouldBe(rows);
        var before = (await psa.GetFromJsonAsync<JsonObject>("/api/psa/counts"))!["TimeEntry"]!.GetValue<int>();

        var lines = File.ReadAllLines(csv);
        lines[1] = lines[1].Replace(",ACME,Acme Manufacturing,", ",NOPE,Nobody Ltd,", StringComparison.Ordinal).Replace("7001,", "99001,", StringComparison.Ordinal);
        File.WriteAllLines(Path.Combine(imports, "bad.csv"), lines);
        var refused = await psa.PostAsJsonAsync("/api/psa/import-csv", new { file = "bad.csv", kind = "time-entries" });

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonObject>())!["errors"]!.AsObject().Select(e => e.Key).ShouldContain("bad.csv:2:Company");
        (await psa.GetFromJsonAsync<JsonObject>("/api/psa/counts"))!["TimeEntry"]!.GetValue<int>().ShouldBe(before);
    }

    [Fact]
    public async Task CsvImport_OfAgreements_WithoutALastUpdatedColumn_StoresThemAsChangedNow()
    {
        var psa = await host.ClientForAsync(PsaAdmin);
        CopyToImports("csv-agreements-base");
        (await psa.PostAsJsonAsync("/api/psa/import", new { folder = "csv-agreements-base" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var csv = Path.Combine(Path.GetDirectoryName(FixtureFolder())!, "csv", "agreements.csv");
        File.ReadAllLines(csv)[0].ShouldNotContain("Updated");
        File.Copy(csv, Path.Combine(host.Database.DataDirectory, "imports", "agreements.csv"), overwrite: true);
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var imported = await psa.PostAsJsonAsync("/api/psa/import-csv", new { file = "agreements.csv", kind = "agreements" });

        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        (await imported.Content.ReadFromJsonAsync<JsonObject>())!["imported"]!.GetValue<int>().ShouldBe(2);
        await using var scope = host.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<BillingOrchestrator.Persistence.Billing.BillingDataStore>()
            .FindAsync<BillingOrchestrator.Billing.Agreements.Agreement>(EntityKind.Agreement, 102, CancellationToken.None);
        stored.ShouldNotBeNull();
        stored.Name.ShouldBe("Globex - Block 40");
        stored.LastUpdated.ShouldBeGreaterThan(before);
    }

    [Fact]
    public async Task Import_RefusesPathsOutsideTheImportsFolder_AndIsForPsaAdminsOnly()
    {
        var psa = await host.ClientForAsync(PsaAdmin);
        var finance = await host.ClientForAsync("finance@demo.local");

        (await psa.PostAsJsonAsync("/api/psa/import", new { folder = "../keys" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await psa.PostAsJsonAsync("/api/psa/import", new { folder = "/etc" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await finance.PostAsJsonAsync("/api/psa/import", new { folder = "good" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Sync_WithoutConnectWiseSettings_IsRefusedWithTheMissingSettingsNamed()
    {
        var psa = await host.ClientForAsync(PsaAdmin);

        var response = await psa.PostAsJsonAsync("/api/psa/sync", new { mode = "incremental" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.Content.ReadAsStringAsync()).ShouldContain("ConnectWise is not configured");
    }

    [Fact]
    public async Task RecordStore_UpsertsById_AndMovesTheCursorOnlyForward()
    {
        await using var scope = host.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IPsaRecordStore>();
        var t1 = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

        await store.UpsertAsync(EntityKind.Member, [new PsaRecord(EntityKind.Member, 9001, null, null, t1, "{\"v\":1}"), new PsaRecord(EntityKind.Member, 9002, null, null, t1, "{\"v\":1}")], t1, "test", CancellationToken.None);
        await store.UpsertAsync(EntityKind.Member, [new PsaRecord(EntityKind.Member, 9001, null, null, t1.AddDays(1), "{\"v\":2}")], t1.AddDays(-5), "test", CancellationToken.None);

        (await store.GetCursorAsync(EntityKind.Member, CancellationToken.None)).ShouldBe(t1);
        var rows = await host.WithDbAsync(db => Task.FromResult(db.Set<Persistence.Billing.PsaRecordRow>().Where(r => r.Entity == "Member" && r.Id >= 9001).OrderBy(r => r.Id).Select(r => r.DataJson).ToList()));
        rows.ShouldBe(["{\"v\":2}", "{\"v\":1}"]);
        await Should.ThrowAsync<ArgumentException>(() => store.UpsertAsync(EntityKind.Member, [new PsaRecord(EntityKind.Company, 1, 1, null, null, "{}")], null, "test", CancellationToken.None));
    }
}

public sealed class PsaDataTestsOnSqlite(SqliteProductHost host) : PsaDataTests(host), IClassFixture<SqliteProductHost>;

public sealed class PsaDataTestsOnPostgres(PostgresProductHost host) : PsaDataTests(host), IClassFixture<PostgresProductHost>;
