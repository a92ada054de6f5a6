using System.Diagnostics;
using System.Security.Cryptography;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Demo;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Billing.TimeEntries;
using Xunit.Abstractions;

namespace BillingOrchestrator.Billing.Tests;

public sealed class DemoDataGeneratorTests(DemoDataFixture fixture, ITestOutputHelper output) : IClassFixture<DemoDataFixture>
{
    private DemoDataSet Data => fixture.Data;

    private static string Hash(DemoDataSet data) => Convert.ToHexString(SHA256.HashData(
        [.. BillingJson.SerializeToUtf8Bytes(data.Snapshot), .. BillingJson.SerializeToUtf8Bytes(data.GroundTruth)]));

    [Fact]
    public void Generator_SameSeed_IsByteIdentical_OtherSeedIsNot()
    {
        var again = DemoDataGenerator.Generate(DemoDataOptions.Default);
        var other = DemoDataGenerator.Generate(DemoDataOptions.Default with { Seed = 7 });

        Hash(again).ShouldBe(Hash(Data));
        Hash(other).ShouldNotBe(Hash(Data));
    }

    [Fact]
    public void Generator_DefaultOptions_ModelARealisticMsp()
    {
        var s = Data.Snapshot;

        s.Companies.Count.ShouldBe(121, "120 customers and the MSP itself");
        s.Agreements.Count.ShouldBe(200);
        s.Agreements.Select(a => a.TypeId).Distinct().Count().ShouldBe(5);
        s.Agreements.Select(a => a.AgreementStatus).Distinct().Count().ShouldBe(4);
        s.Members.Count.ShouldBe(40);
        s.TimeEntries.Count.ShouldBeInRange(57_000, 63_000);
        s.Tickets.Select(t => t.Board).Distinct().Count().ShouldBeGreaterThanOrEqualTo(5);
        s.Agreements.Sum(a => a.Additions.Count).ShouldBeGreaterThan(100);
        s.Invoices.Select(i => i.Type).Distinct().ShouldBe([Invoices.InvoiceType.Agreement, Invoices.InvoiceType.Standard, Invoices.InvoiceType.Miscellaneous], ignoreOrder: true);
        (s.PeriodStart, s.PeriodEnd).ShouldBe((new DateOnly(2026, 8, 1), new DateOnly(2026, 10, 31)));
        s.TimeEntries.ShouldAllBe(e => DateOnly.FromDateTime(e.TimeStart.UtcDateTime) >= s.PeriodStart && DateOnly.FromDateTime(e.TimeStart.UtcDateTime) <= s.PeriodEnd);
        s.TimeEntries.Select(e => e.Status).Distinct().Count().ShouldBeGreaterThanOrEqualTo(6);
    }

    [Fact]
    public void Generator_InjectsEveryCheck_WithMoneyAtRisk()
    {
        var cases = Data.GroundTruth.Cases;
        var n = DemoDataOptions.Default.CasesPerCheck;

        foreach (var (checkId, kind) in LeakageChecks.All)
        {
            var ofCheck = cases.Where(c => c.CheckId == checkId).ToList();
            ofCheck.Count.ShouldBeGreaterThanOrEqualTo(n, checkId);
            ofCheck.ShouldAllBe(c => c.Kind == kind && c.AmountAtRisk > Money.Zero && c.Records.Count > 0 && c.Explanation.Length > 20);
            ofCheck.ShouldAllBe(c => c.AmountAtRisk == c.AmountAtRisk.RoundToCents());
        }

        cases.Select(c => c.Kind).Distinct().Count().ShouldBe(Enum.GetValues<LeakageKind>().Length);
        Data.GroundTruth.TotalAmountAtRisk.ShouldBe(cases.Aggregate(Money.Zero, (sum, c) => sum + c.AmountAtRisk));
    }

    [Fact]
    public void Generator_CatalogFollowsTheData_WithVersionsAndGaps()
    {
        var catalog = Data.Catalog;

        catalog.HistoryOf(2).Select(r => r.Version.Number).ShouldBe([1, 2], "block hours changed its overage rate mid-period");
        catalog.Overrides.ShouldNotBeEmpty();
        catalog.Overrides.ShouldAllBe(o => !string.IsNullOrWhiteSpace(o.Version.ApprovedBy));

        var report = CatalogCompletenessReport.Build(Data.Snapshot.Agreements, catalog, Data.Snapshot.PeriodEnd);
        report.Gaps.ShouldNotBeEmpty("some agreements were never given an owner");
        report.Gaps.ShouldAllBe(g => g.LacksOwner && !catalog.IsEnrolled(g.AgreementId));
        report.CompleteAgreements.ShouldBeGreaterThan(report.AgreementsChecked * 9 / 10);
    }

    [Fact]
    public void GroundTruth_Json_RoundTripsWithKebabCaseKinds()
    {
        var json = Data.GroundTruth.ToJson();

        json.ShouldContain("\"kind\":\"missing-time\"");
        json.ShouldContain("\"checkId\":\"unbilled-overage\"");
        var back = GroundTruth.FromJson(json);
        back.Cases.Count.ShouldBe(Data.GroundTruth.Cases.Count);
        back.Cases.Select(c => (c.Kind, c.CheckId, c.CompanyId, c.AgreementId, c.Hours, c.AmountAtRisk, c.Explanation))
            .ShouldBe(Data.GroundTruth.Cases.Select(c => (c.Kind, c.CheckId, c.CompanyId, c.AgreementId, c.Hours, c.AmountAtRisk, c.Explanation)));
        back.Cases.SelectMany(c => c.Records).ShouldBe(Data.GroundTruth.Cases.SelectMany(c => c.Records));
    }

    [Fact]
    public async Task DemoDataSet_WriteAsync_WritesGroundTruthBesideTheData()
    {
        var directory = Path.Combine(Path.GetTempPath(), "billing-demo-" + Guid.NewGuid().ToString("N"));
        try
        {
            await Data.WriteAsync(directory, CancellationToken.None);

            Directory.GetFiles(directory).Select(Path.GetFileName).ShouldBe(["catalog.json", "coding-standard.json", "ground-truth.json", "snapshot.json"], ignoreOrder: true);
            var truth = GroundTruth.FromJson(await File.ReadAllTextAsync(Path.Combine(directory, "ground-truth.json")));
            truth.TotalAmountAtRisk.ShouldBe(Data.GroundTruth.TotalAmountAtRisk);
            var snapshot = BillingJson.Deserialize<BillingSnapshot>(await File.ReadAllTextAsync(Path.Combine(directory, "snapshot.json")));
            snapshot.TimeEntries.Count.ShouldBe(Data.Snapshot.TimeEntries.Count);
            snapshot.TimeEntries[^1].ShouldBe(Data.Snapshot.TimeEntries[^1]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Options_Invalid_NameEveryProblem()
    {
        var options = new DemoDataOptions { Companies = 5, Agreements = 6, Months = 1, PeriodEnd = new DateOnly(2026, 10, 30) };

        options.Validate().Select(p => p.Field).ShouldBe(["Companies", "Agreements", "Months", "PeriodEnd", "StaleAfterDays"]);
        Should.Throw<ArgumentException>(() => DemoDataGenerator.Generate(options)).Message.ShouldContain("PeriodEnd");
    }

    [Fact]
    public void Generator_ScaleMode_MillionEntriesAndTenThousandAgreements()
    {
        var watch = Stopwatch.StartNew();
        var data = DemoDataGenerator.Generate(DemoDataOptions.Scale);
        watch.Stop();

        // Information only: tests measure behaviour, benchmarks measure speed.
        output.WriteLine($"Scale mode: {data.Snapshot.TimeEntries.Count:N0} entries, {data.Snapshot.Agreements.Count:N0} agreements, {data.Snapshot.Tickets.Count:N0} tickets, {data.Snapshot.Invoices.Count:N0} invoices, {data.GroundTruth.Cases.Count} cases in {watch.Elapsed.TotalSeconds:0.00} s");
        data.Snapshot.Agreements.Count.ShouldBe(10_000);
        data.Snapshot.TimeEntries.Count.ShouldBeInRange(950_000, 1_050_000);
        LeakageChecks.All.Keys.ShouldAllBe(id => data.GroundTruth.Cases.Count(c => c.CheckId == id) >= DemoDataOptions.Scale.CasesPerCheck);
        data.Snapshot.TimeEntries.Count(e => e.Status == TimeEntryStatus.BilledAgreement).ShouldBeGreaterThan(100_000);
    }
}
