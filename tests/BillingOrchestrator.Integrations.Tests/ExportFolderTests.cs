using System.Text.Json.Nodes;
using BillingOrchestrator.Integrations.ConnectWise.Export;
using BillingOrchestrator.Integrations.Import;
using BillingOrchestrator.Integrations.Tests.Support;

namespace BillingOrchestrator.Integrations.Tests;

public sealed class ExportFolderTests
{
    private static readonly string[] AllFiles = [.. ConnectWiseExportFiles.Required, .. ConnectWiseExportFiles.Optional];

    [Fact]
    public async Task Dump_FromTheStub_WritesEveryFileAsTheApiReturnedIt_AndReadsBackTheSame()
    {
        await using var stub = (await ConnectWiseStub.StartAsync()).ServeFixtureSite();
        using var test = new TestClient(stub, o => o.PageSize = 2);
        using var folder = new TempFolder();

        var dumped = await new ConnectWiseDumper(test.Client).DumpAsync(folder.Path, CancellationToken.None);
        var read = await ConnectWiseExport.ReadAsync(folder.Path, CancellationToken.None);

        Directory.GetFiles(folder.Path).Select(Path.GetFileName).Order().ShouldBe(AllFiles.Order());
        foreach (var file in AllFiles)
        {
            var written = JsonNode.Parse(await File.ReadAllTextAsync(folder.File(file)));
            JsonNode.DeepEquals(written, Fixtures.Load(file)).ShouldBeTrue($"{file} differs from what the API served");
        }

        read.Problems.ShouldBeEmpty();
        read.Succeeded.ShouldBeTrue();
        var snapshot = read.Value;
        snapshot.TimeEntries.Count.ShouldBe(7);
        snapshot.AgreementAdditions.Select(a => (a.Id, a.AgreementId)).ShouldBe([(501, 101), (502, 101), (503, 102)]);
        snapshot.AgreementWorkRoleExclusions.ShouldHaveSingleItem().WorkRole!.Name.ShouldBe("vCIO");
        JsonNode.DeepEquals(Serialize(snapshot), Serialize(dumped)).ShouldBeTrue();
        stub.RequestsTo("finance/agreements/101/additions").ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Read_TheFixtureSite_Succeeds()
    {
        var result = await ConnectWiseExport.ReadAsync(Fixtures.SiteFolder, CancellationToken.None);

        result.Problems.ShouldBeEmpty();
        result.Value!.Invoices.Sum(i => i.Total).ShouldBe(3774.88m);
    }

    [Fact]
    public async Task Read_BadRows_ReportsFileRowAndField_ForEveryOne_AndReturnsNoData()
    {
        using var folder = Fixtures.CopySite();
        Edit(folder, ConnectWiseExportFiles.TimeEntries, rows =>
        {
            rows[1]!["actualHours"] = "lots";
            rows[2]!["company"]!["id"] = 99999;
            rows[3]!.AsObject().Remove("timeStart");
            rows[4]!["billableOption"] = "Maybe";
        });
        Edit(folder, ConnectWiseExportFiles.Agreements, rows => rows[0]!.AsObject().Remove("type"));
        Edit(folder, ConnectWiseExportFiles.AgreementAdditions, rows => rows[2]!.AsObject().Remove("agreementId"));
        Edit(folder, ConnectWiseExportFiles.Companies, rows => rows[4]!["id"] = 253);

        var result = await ConnectWiseExport.ReadAsync(folder.Path, CancellationToken.None);

        result.Succeeded.ShouldBeFalse();
        result.Value.ShouldBeNull();
        result.Problems.ShouldBe(
        [
            new ImportProblem("time-entries.json", 2, "actualHours", "has the wrong type: expected a number"),
            new ImportProblem("companies.json", 5, "id", "253 appears again (first at row 4)"),
            new ImportProblem("agreements.json", 1, "type", "is required"),
            new ImportProblem("agreement-additions.json", 3, "agreementId", "is required: every sub-resource object names its agreement"),
            new ImportProblem("time-entries.json", 3, "company.id", "company 99999 is not in companies.json"),
            new ImportProblem("time-entries.json", 4, "timeStart", "is required"),
            new ImportProblem("time-entries.json", 5, "billableOption", "\"Maybe\" is not Billable, DoNotBill, NoCharge or NoDefault"),
        ], ignoreOrder: true);
    }

    [Fact]
    public async Task Read_MissingFile_InvalidJson_AndNonArray_AreReportedPerFile()
    {
        using var folder = Fixtures.CopySite();
        File.Delete(folder.File(ConnectWiseExportFiles.Tickets));
        File.Delete(folder.File(ConnectWiseExportFiles.AgreementWorkTypes));
        await File.WriteAllTextAsync(folder.File(ConnectWiseExportFiles.Invoices), "[{\"id\": 9001, \"invoiceNumber\": \"INV-1\"},\n{\"id\": 9002,, }]");
        await File.WriteAllTextAsync(folder.File(ConnectWiseExportFiles.AgreementWorkRoles), "{\"id\": 5}");

        var result = await ConnectWiseExport.ReadAsync(folder.Path, CancellationToken.None);

        result.Value.ShouldBeNull();
        var byFile = result.Problems.ToLookup(p => p.File);
        byFile[ConnectWiseExportFiles.Tickets].ShouldHaveSingleItem().Reason.ShouldStartWith("is missing");
        byFile[ConnectWiseExportFiles.AgreementWorkTypes].ShouldBeEmpty();
        var invoices = byFile[ConnectWiseExportFiles.Invoices].ShouldHaveSingleItem();
        invoices.Row.ShouldBe(2);
        invoices.Field.ShouldBe("(row)");
        invoices.Reason.ShouldContain("line 2");
        var roles = byFile[ConnectWiseExportFiles.AgreementWorkRoles].ShouldHaveSingleItem();
        roles.Row.ShouldBe(0);
        roles.Reason.ShouldStartWith("is not a JSON array of objects");

        // Time entries point at the missing tickets.json; that is reported once, as the missing file, not per reference.
        byFile[ConnectWiseExportFiles.TimeEntries].ShouldBeEmpty();
        result.Problems.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Read_MissingFolder_IsAProblemNotAnException()
    {
        var result = await ConnectWiseExport.ReadAsync(Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid()), CancellationToken.None);

        result.Problems.ShouldHaveSingleItem().Reason.ShouldBe("does not exist");
    }

    private static JsonNode Serialize(ConnectWiseSnapshot snapshot) =>
        JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(snapshot, BillingOrchestrator.Integrations.ConnectWise.Json.ConnectWiseJson.Options))!;

    private static void Edit(TempFolder folder, string file, Action<JsonArray> edit)
    {
        var rows = JsonNode.Parse(File.ReadAllText(folder.File(file)))!.AsArray();
        edit(rows);
        File.WriteAllText(folder.File(file), rows.ToJsonString());
    }
}
