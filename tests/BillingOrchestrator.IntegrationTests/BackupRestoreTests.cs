using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using BillingOrchestrator.Testing;
using BillingOrchestrator.Testing.Workflows;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// Online backup of the embedded store taken mid-cycle with the real CLI while the product runs, restored into a new
/// data directory, and the cycle carried on there: nothing lost, evidence intact, the audit chain whole.
/// </summary>
public sealed class BackupRestoreTests(SqliteProductHost host) : IClassFixture<SqliteProductHost>
{
    [Fact]
    public async Task BackupTakenMidCycle_RestoredElsewhere_TheCycleCarriesOn()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        (await finance.CompleteAsync(await finance.WaitForTaskAsync(instance.Id(), "review"), "Approve", new { reason = "ready" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var report = Encoding.UTF8.GetBytes("agreement,finding,amount\n10,missing time,420.00\n");
        var uploaded = await finance.PostAsync($"/api/workflow-instances/{instance.Id()}/evidence", WorkflowApi.EvidenceUpload(report, "validation-report.csv", "gate"));
        uploaded.StatusCode.ShouldBe(HttpStatusCode.Created, await uploaded.Content.ReadAsStringAsync());
        var evidenceId = (await uploaded.Content.ReadFromJsonAsync<JsonObject>())!.Id();
        var backup = Path.Combine(Directory.CreateTempSubdirectory("bo-backup-").FullName, "backup");
        var restored = Path.Combine(Directory.CreateTempSubdirectory("bo-restored-").FullName, "data");

        var (backupExit, backupOutput, backupErrors) = await CliAsync("backup", "--data-dir", host.Database.DataDirectory, "--out", backup);
        var (restoreExit, _, restoreErrors) = await CliAsync("restore", "--from", backup, "--data-dir", restored);

        backupExit.ShouldBe(0, backupErrors);
        backupOutput.ShouldContain("manifest.json");
        restoreExit.ShouldBe(0, restoreErrors);
        var second = new ExistingSqliteProductHost(restored);
        await ((IAsyncLifetime)second).InitializeAsync();
        try
        {
            var service = await second.ClientForAsync("service@demo.local");
            var gate = await service.WaitForTaskAsync(instance.Id(), "gate");
            var approved = await service.CompleteAsync(gate, "Approved", new { evidence = new { report = evidenceId } });
            approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
            (await service.WaitForSubStatusAsync(instance.Id(), "Finished"))["subStatus"]!.GetValue<string>().ShouldBe("Finished");
            var content = await service.GetByteArrayAsync($"/api/evidence/{evidenceId}/content");
            SHA256.HashData(content).ShouldBe(SHA256.HashData(report));
            var auditor = await second.ClientForAsync("auditor@demo.local");
            (await auditor.GetFromJsonAsync<JsonObject>("/api/audit/verify"))!["intact"]!.GetValue<bool>().ShouldBeTrue();
        }
        finally
        {
            await ((IAsyncLifetime)second).DisposeAsync();
        }
    }

    [Fact]
    public async Task Restore_OfADamagedBackup_OrOverAnExistingDatabaseWithoutForce_IsRefusedAndChangesNothing()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        var instance = await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        (await finance.PostAsync($"/api/workflow-instances/{instance.Id()}/evidence", WorkflowApi.EvidenceUpload(Encoding.UTF8.GetBytes("a,b\n1,2\n"), "sample.csv", "gate"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var backup = Path.Combine(Directory.CreateTempSubdirectory("bo-backup-").FullName, "backup");
        (await CliAsync("backup", "--data-dir", host.Database.DataDirectory, "--out", backup)).ExitCode.ShouldBe(0);
        var target = Directory.CreateTempSubdirectory("bo-restore-target-").FullName;

        var overExisting = await CliAsync("restore", "--from", backup, "--data-dir", host.Database.DataDirectory);
        var evidenceFile = Directory.EnumerateFiles(Path.Combine(backup, "evidence"), "*", SearchOption.AllDirectories).First();
        await File.AppendAllTextAsync(evidenceFile, "tampered");
        var damaged = await CliAsync("restore", "--from", backup, "--data-dir", target);

        overExisting.ExitCode.ShouldBe(2);
        overExisting.Errors.ShouldContain("--force");
        damaged.ExitCode.ShouldBe(2);
        damaged.Errors.ShouldContain(Path.GetFileName(evidenceFile));
        damaged.Errors.ShouldContain("SHA-256");
        Directory.EnumerateFileSystemEntries(target).ShouldBeEmpty();
    }

    [Fact]
    public async Task AuditVerify_Offline_ChecksTheChainUnderItsKey_AgainstTheBackupManifestsHead_AndNamesACut()
    {
        var finance = await host.ClientForAsync("finance@demo.local");
        await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        await finance.StartAsync(TestWorkflows.Approval.DefinitionId);
        var backup = Path.Combine(Directory.CreateTempSubdirectory("bo-backup-").FullName, "backup");
        (await CliAsync("backup", "--data-dir", host.Database.DataDirectory, "--out", backup)).ExitCode.ShouldBe(0);
        var chain = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(backup, "manifest.json")))!["auditChain"]!;
        var entries = chain["entries"]!.GetValue<long>();
        var head = chain["head"]!.GetValue<string>();

        var live = await CliAsync("audit-verify", "--data-dir", host.Database.DataDirectory);
        var againstManifest = await CliAsync("audit-verify", "--data-dir", backup, "--entries", entries.ToString(System.Globalization.CultureInfo.InvariantCulture), "--head", head);
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(backup, "billing.db")};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = $"DELETE FROM audit_log WHERE sequence = {entries}";
            (await delete.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        var cut = await CliAsync("audit-verify", "--data-dir", backup, "--entries", entries.ToString(System.Globalization.CultureInfo.InvariantCulture), "--head", head);
        var withoutKey = await CliAsync("audit-verify", "--data-dir", backup, "--key", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

        entries.ShouldBeGreaterThan(1);
        live.ExitCode.ShouldBe(0, live.Output + live.Errors);
        JsonNode.Parse(live.Output)!["intact"]!.GetValue<bool>().ShouldBeTrue();
        JsonNode.Parse(live.Output)!["keyed"]!.GetValue<bool>().ShouldBeTrue();
        againstManifest.ExitCode.ShouldBe(0, againstManifest.Output + againstManifest.Errors);
        JsonNode.Parse(againstManifest.Output)!["entriesChecked"]!.GetValue<long>().ShouldBe(entries);
        cut.ExitCode.ShouldBe(1);
        JsonNode.Parse(cut.Output)!["reason"]!.GetValue<string>().ShouldStartWith($"chain has {entries - 1} entries but the head given ({entries} entries, head {head})");
        withoutKey.ExitCode.ShouldBe(1);
        JsonNode.Parse(withoutKey.Output)!["firstBrokenSequence"]!.GetValue<long>().ShouldBe(1);
    }

    private static Task<(int ExitCode, string Output, string Errors)> CliAsync(params string[] args) => CliProcess.RunAsync(args);
}
