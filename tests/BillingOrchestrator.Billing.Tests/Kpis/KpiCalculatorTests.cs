using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Billing.Tests.Validation;

namespace BillingOrchestrator.Billing.Tests.Kpis;

/// <summary>
/// Each KPI on the demo MSP against a calculation written here from the raw records and the ground truth, not from
/// the calculator's code path.
/// </summary>
public sealed class KpiCalculatorTests(DemoValidationFixture fixture) : IClassFixture<DemoValidationFixture>
{
    private static readonly HashSet<string> EstimatedChecks = [LeakageChecks.ClosedTicketWithoutTime, LeakageChecks.AgreementActivityWithoutTime];

    private static readonly HashSet<LeakageKind> Labour =
        [LeakageKind.MissingTime, LeakageKind.OutOfScopeLabor, LeakageKind.AgreementMismatch, LeakageKind.UnbilledOverage, LeakageKind.RateNotApplied, LeakageKind.StaleUnbilled];

    private BillingSnapshot Snapshot => fixture.Data.Snapshot;

    private KpiReport Report => KpiCalculator.Compute(Snapshot, fixture.Result.Findings);

    private bool InPeriod(DateOnly date) => date >= Snapshot.PeriodStart && date <= Snapshot.PeriodEnd;

    [Fact]
    public void InvoiceErrorRate_OnTheDemoMsp_IsInvoicesNamedByTheGroundTruth_OverInvoicesInThePeriod()
    {
        var inPeriod = Snapshot.Invoices.Where(i => InPeriod(i.Date)).ToList();
        var entryInvoice = Snapshot.TimeEntries.Where(e => e.InvoiceId.HasValue).ToDictionary(e => e.Id, e => e.InvoiceId!.Value);
        var wrong = new HashSet<int>();
        foreach (var record in fixture.Data.GroundTruth.Cases.SelectMany(c => c.Records))
        {
            if (record.Kind == EntityKind.Invoice)
            {
                wrong.Add(record.Id);
            }

            if (record.Kind == EntityKind.TimeEntry && entryInvoice.TryGetValue(record.Id, out var invoice))
            {
                wrong.Add(invoice);
            }
        }

        var expectedWrong = inPeriod.Count(i => wrong.Contains(i.Id));

        var rate = Report.InvoiceErrorRate;

        expectedWrong.ShouldBeGreaterThan(0, "the demo MSP carries invoice leakage");
        rate.Invoices.ShouldBe(inPeriod.Count);
        rate.InvoicesWithErrors.ShouldBe(expectedWrong);
        rate.Rate.ShouldBe(Math.Round((decimal)expectedWrong / inPeriod.Count, 6));
    }

    [Fact]
    public void UnbilledLabourValue_OnTheDemoMsp_IsTheGroundTruthLabourMoney_PlusTheEstimatedMissingTime()
    {
        var exact = fixture.Data.GroundTruth.Cases
            .Where(c => Labour.Contains(c.Kind) && !EstimatedChecks.Contains(c.CheckId))
            .Sum(c => c.AmountAtRisk.Amount);
        var estimated = fixture.Result.Findings.Where(f => EstimatedChecks.Contains(f.CheckId)).Sum(f => f.AmountAtRisk.Amount);

        var value = Report.UnbilledLabour.Value.Amount;

        exact.ShouldBeGreaterThan(0m);
        value.ShouldBe(exact + estimated);
        Report.UnbilledLabour.ByCategory.Select(c => c.Category).ShouldNotContain(LeakageKind.DuplicateCharge);
    }

    [Fact]
    public void GrossMargin_OnTheDemoMsp_MatchesRevenueLessLabourAndAdditionCost_PerAgreementCustomerServiceLineAndOverall()
    {
        var members = Snapshot.Members.ToDictionary(m => m.Id);
        var workTypes = Snapshot.WorkTypes.ToDictionary(w => w.Id);
        var entries = Snapshot.TimeEntries.ToDictionary(e => e.Id);
        var expected = new Dictionary<int, (decimal Revenue, decimal Labour, decimal Additions)>();
        foreach (var agreement in Snapshot.Agreements)
        {
            var additionIds = agreement.Additions.Select(a => a.Id).ToHashSet();
            var revenue = 0m;
            foreach (var invoice in Snapshot.Invoices.Where(i => InPeriod(i.Date)))
            {
                foreach (var line in invoice.Lines)
                {
                    var ours = line.Source switch
                    {
                        { Kind: EntityKind.Agreement } s => s.Id == agreement.Id,
                        { Kind: EntityKind.AgreementAddition } s => additionIds.Contains(s.Id),
                        { Kind: EntityKind.TimeEntry } s => entries[s.Id].AgreementId == agreement.Id,
                        null => invoice.Type == InvoiceType.Agreement && invoice.AgreementId == agreement.Id,
                        _ => false,
                    };
                    revenue += ours ? line.Amount.Amount : 0m;
                }
            }

            var labour = Snapshot.TimeEntries
                .Where(e => e.AgreementId == agreement.Id && InPeriod(DateOnly.FromDateTime(e.TimeStart.UtcDateTime)))
                .Sum(e => Math.Round(e.ActualHours.Value * members[e.MemberId].HourlyCost.Amount * workTypes[e.WorkTypeId].CostMultiplier, 2, MidpointRounding.ToEven));
            var additions = 0m;
            for (var month = new DateOnly(Snapshot.PeriodStart.Year, Snapshot.PeriodStart.Month, 1); month <= Snapshot.PeriodEnd; month = month.AddMonths(1))
            {
                if (month < Snapshot.PeriodStart || !agreement.IsInTerm(month))
                {
                    continue;
                }

                additions += agreement.Additions
                    .Where(a => (a.EffectiveDate ?? DateOnly.MinValue) <= month && (a.CancelledDate ?? DateOnly.MaxValue) > month)
                    .Sum(a => Math.Round(a.UnitCost.Amount * a.Quantity, 2, MidpointRounding.ToEven));
            }

            expected[agreement.Id] = (revenue, labour, additions);
        }

        var margins = Report.GrossMargin;

        foreach (var line in margins.ByAgreement)
        {
            var (revenue, labour, additions) = expected[int.Parse(line.Key, System.Globalization.CultureInfo.InvariantCulture)];
            (line.Revenue.Amount, line.LabourCost.Amount, line.AdditionCost.Amount).ShouldBe((revenue, labour, additions), line.Name);
            line.GrossMargin.ShouldBe(revenue == 0m ? null : Math.Round((revenue - labour - additions) / revenue, 6), line.Name);
        }

        expected.Where(e => e.Value != default).Select(e => e.Key).Order()
            .ShouldBe(margins.ByAgreement.Select(l => int.Parse(l.Key, System.Globalization.CultureInfo.InvariantCulture)).Order());
        var totalRevenue = expected.Values.Sum(v => v.Revenue);
        var totalMargin = expected.Values.Sum(v => v.Revenue - v.Labour - v.Additions);
        totalRevenue.ShouldBeGreaterThan(0m);
        margins.Overall.Revenue.Amount.ShouldBe(totalRevenue);
        margins.Overall.GrossMargin.ShouldBe(Math.Round(totalMargin / totalRevenue, 6));
        foreach (var customer in Snapshot.Agreements.GroupBy(a => a.CompanyId))
        {
            var revenue = customer.Sum(a => expected[a.Id].Revenue);
            var line = margins.ByCustomer.SingleOrDefault(l => l.Key == customer.Key.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (revenue != 0m)
            {
                line.ShouldNotBeNull().Revenue.Amount.ShouldBe(revenue);
                line.GrossMargin.ShouldBe(Math.Round(customer.Sum(a => expected[a.Id].Revenue - expected[a.Id].Labour - expected[a.Id].Additions) / revenue, 6));
            }
        }

        margins.ByServiceLine.Sum(l => l.Revenue.Amount).ShouldBe(totalRevenue);
        margins.ByServiceLine.Count.ShouldBe(Snapshot.Agreements.Select(a => a.TypeId).Distinct().Count());
    }
}
