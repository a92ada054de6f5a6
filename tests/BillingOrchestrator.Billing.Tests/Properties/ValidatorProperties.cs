using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Demo;
using BillingOrchestrator.Billing.Tests.Validation;
using CsCheck;

namespace BillingOrchestrator.Billing.Tests.Properties;

/// <summary>
/// The checks on many small, randomly shaped MSPs (seed, size and case count drawn at random): every injected leak is
/// found and the money totals reconcile exactly, per category, per check and overall.
/// </summary>
public sealed class ValidatorProperties
{
    private static readonly Gen<DemoDataSet> SmallMsp =
        Gen.Select(Gen.Int[1, int.MaxValue], Gen.Int[30, 60], Gen.Int[1, 2], Gen.Int[10, 20], Gen.Int[150, 300])
            .Select((seed, companies, cases, technicians, entriesPerMonth) => new DemoDataOptions
            {
                Seed = seed,
                Companies = companies,
                Agreements = companies + 8 * cases + 60,
                CasesPerCheck = cases,
                Technicians = technicians,
                TargetTimeEntries = technicians * 3 * entriesPerMonth,
            })
            .Where(options => options.Validate().Count == 0)
            .Select(TryGenerate)
            .Where(data => data is not null)!;

    [Fact]
    public void RandomMsp_EveryInjectedLeakIsFound_AndTotalsReconcile() =>
        SmallMsp.Sample(
            data =>
            {
                var result = Validator.Run(data.Snapshot, data.Catalog, data.CodingStandard, ValidationOptions.Default with { StaleAfterDays = data.GroundTruth.StaleAfterDays });

                var missed = data.GroundTruth.Cases.Where(c => !result.Findings.Any(f => GroundTruthMatch.Finds(f, c))).Select(c => c.CheckId).ToList();
                missed.ShouldBeEmpty();
                var sum = result.Findings.Aggregate(Money.Zero, (total, f) => total + f.AmountAtRisk);
                result.TotalAmountAtRisk.ShouldBe(sum);
                result.Totals.Aggregate(Money.Zero, (total, t) => total + t.AmountAtRisk).ShouldBe(sum);
                result.CheckTotals.Aggregate(Money.Zero, (total, t) => total + t.AmountAtRisk).ShouldBe(sum);
                result.Totals.Sum(t => t.Count).ShouldBe(result.Findings.Count);
                result.Findings.ShouldAllBe(f => f.AmountAtRisk >= Money.Zero);
            },
            iter: 12,
            threads: 1);

    /// <summary>The generator refuses shapes too small for every kind of leak (an honest refusal): those draws are discarded.</summary>
    private static DemoDataSet? TryGenerate(DemoDataOptions options)
    {
        try
        {
            return DemoDataGenerator.Generate(options);
        }
        catch (InvalidOperationException e) when (e.Message.Contains("too small", StringComparison.Ordinal))
        {
            return null;
        }
    }
}
