using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Serialization;
using Xunit.Abstractions;

namespace BillingOrchestrator.Billing.Tests.Validation;

/// <summary>The whole engine on the demo MSP, judged against its ground truth.</summary>
public sealed class ValidatorDemoDataTests(DemoValidationFixture fixture, ITestOutputHelper output) : IClassFixture<DemoValidationFixture>
{
    /// <summary>Missing time cannot be priced from a record: these checks value it at configured hours, the rest must match exactly.</summary>
    private static readonly HashSet<string> EstimatedChecks = [LeakageChecks.ClosedTicketWithoutTime, LeakageChecks.AgreementActivityWithoutTime];

    private IReadOnlyList<Finding> Findings => fixture.Result.Findings;

    public static TheoryData<string> CheckIds => [.. LeakageChecks.All.Keys];

    [Theory]
    [MemberData(nameof(CheckIds))]
    public void DemoData_EveryInjectedCaseIsFound_WithItsMoneyAtRisk(string checkId)
    {
        var cases = fixture.Data.GroundTruth.Cases.Where(c => c.CheckId == checkId).ToList();

        cases.ShouldNotBeEmpty();
        foreach (var c in cases)
        {
            var finding = Findings.Where(f => GroundTruthMatch.Finds(f, c)).ShouldHaveSingleItem($"{checkId}: {c.Explanation}");
            finding.Category.ShouldBe(c.Kind);
            (finding.CompanyId, finding.AgreementId).ShouldBe((c.CompanyId, c.AgreementId));
            if (!EstimatedChecks.Contains(checkId))
            {
                finding.AmountAtRisk.ShouldBe(c.AmountAtRisk, c.Explanation);
                finding.Hours.ShouldBe(c.Hours, c.Explanation);
            }
            else
            {
                finding.AmountAtRisk.ShouldBeGreaterThan(Money.Zero);
            }
        }
    }

    [Fact]
    public void DemoData_FalsePositives_StayUnderTwoPercentOfFindings()
    {
        var cases = fixture.Data.GroundTruth.Cases;
        var specific = GroundTruthMatch.SpecificRecords(cases);
        var unexplained = Findings.Where(f => !GroundTruthMatch.IsExplained(f, cases, specific)).ToList();
        var found = cases.Count(c => Findings.Any(f => GroundTruthMatch.Finds(f, c)));
        var rate = (decimal)unexplained.Count / Findings.Count;

        output.WriteLine($"cases {cases.Count}, found {found} (recall {(decimal)found / cases.Count:P1}); findings {Findings.Count}, unexplained {unexplained.Count} (false positives {rate:P2})");
        output.WriteLine($"money at risk: findings {fixture.Result.TotalAmountAtRisk}, ground truth {fixture.Data.GroundTruth.TotalAmountAtRisk}");
        foreach (var f in unexplained)
        {
            output.WriteLine($"unexplained: {f.CheckId} {f.Message}");
        }

        rate.ShouldBeLessThan(0.02m);
    }

    [Fact]
    public void DemoData_TotalsAddUpPerCategoryAndCheck()
    {
        var result = fixture.Result;

        result.Totals.Select(t => t.Category).ShouldBe(Enum.GetValues<LeakageKind>());
        result.Totals.Sum(t => t.Count).ShouldBe(result.Findings.Count);
        result.CheckTotals.Select(t => t.CheckId).ShouldBe(LeakageChecks.All.Keys);
        result.TotalAmountAtRisk.ShouldBe(result.Findings.Aggregate(Money.Zero, (sum, f) => sum + f.AmountAtRisk));
        foreach (var total in result.Totals)
        {
            total.AmountAtRisk.ShouldBe(result.Findings.Where(f => f.Category == total.Category).Aggregate(Money.Zero, (sum, f) => sum + f.AmountAtRisk));
        }
    }

    [Fact]
    public void Run_TwiceOnTheSameSnapshot_GivesTheSameFindingsAndHash()
    {
        var data = fixture.Data;

        var again = Validator.Run(data.Snapshot, data.Catalog, data.CodingStandard, fixture.Options);

        again.SnapshotHash.ShouldBe(fixture.Result.SnapshotHash);
        again.SnapshotHash.ShouldBe(SnapshotHasher.Compute(data.Snapshot));
        again.SnapshotHash.ShouldMatch("^[0-9a-f]{64}$");
        BillingJson.Serialize(again.Findings).ShouldBe(BillingJson.Serialize(fixture.Result.Findings));
    }

    [Fact]
    public void Run_FindingsAreInCheckCompanyAgreementRecordOrder()
    {
        var keys = Findings.Select(f => (f.CheckId, f.CompanyId, f.AgreementId ?? -1, f.Records[0].Kind, f.Records[0].Id)).ToList();

        keys.ShouldBe(keys.OrderBy(k => k.CheckId, StringComparer.Ordinal).ThenBy(k => k.CompanyId).ThenBy(k => k.Item3).ThenBy(k => k.Kind).ThenBy(k => k.Id));
    }

    [Fact]
    public void SnapshotHash_ChangesWhenTheSnapshotChanges()
    {
        var snapshot = fixture.Data.Snapshot;
        var entries = snapshot.TimeEntries.ToArray();
        entries[^1] = entries[^1] with { Notes = "edited" };

        SnapshotHasher.Compute(snapshot with { TimeEntries = entries }).ShouldNotBe(fixture.Result.SnapshotHash);
    }

    [Fact]
    public void Run_ScopedToSomeCompanies_ReportsExactlyTheirFindingsFromTheFullRun()
    {
        var data = fixture.Data;
        var companies = Findings.Select(f => f.CompanyId).Where(c => c != data.Snapshot.OwnCompanyId).Distinct().Order().Take(4).ToList();
        var scope = ValidationScope.ForCompanies(companies);

        var scoped = Validator.Run(data.Snapshot, data.Catalog, data.CodingStandard, fixture.Options, scope, fixture.Result.SnapshotHash);

        scoped.Findings.ShouldNotBeEmpty();
        scoped.Findings.ShouldAllBe(f => companies.Contains(f.CompanyId));
        BillingJson.Serialize(scoped.Findings).ShouldBe(BillingJson.Serialize(Findings.Where(f => companies.Contains(f.CompanyId)).ToList()));
        scoped.Scope.CompanyIds.ShouldBe(companies);
    }

    [Fact]
    public void Run_ScopedToAgreements_ReportsOnlyThoseAgreementsFindings()
    {
        var data = fixture.Data;
        var agreements = Findings.Where(f => f.AgreementId is not null).Select(f => f.AgreementId!.Value).Distinct().Order().Take(3).ToList();

        var scoped = Validator.Run(data.Snapshot, data.Catalog, data.CodingStandard, fixture.Options, ValidationScope.ForAgreements(agreements), fixture.Result.SnapshotHash);

        scoped.Findings.Count.ShouldBe(Findings.Count(f => f.AgreementId is { } id && agreements.Contains(id)));
        scoped.Findings.ShouldAllBe(f => f.AgreementId != null && agreements.Contains(f.AgreementId.Value));
    }

    [Fact]
    public void Run_OnlySomeChecks_RunsOnlyThose()
    {
        var data = fixture.Data;
        var options = fixture.Options with { Checks = [LeakageChecks.UnbilledOverage, LeakageChecks.IdenticalEntries] };

        var result = Validator.Run(data.Snapshot, data.Catalog, data.CodingStandard, options, snapshotHash: fixture.Result.SnapshotHash);

        result.ChecksRun.ShouldBe([LeakageChecks.IdenticalEntries, LeakageChecks.UnbilledOverage]);
        result.Findings.Select(f => f.CheckId).Distinct().ShouldBe([LeakageChecks.IdenticalEntries, LeakageChecks.UnbilledOverage], ignoreOrder: true);
        result.Findings.Count.ShouldBe(Findings.Count(f => options.Checks.Contains(f.CheckId)));
    }
}
