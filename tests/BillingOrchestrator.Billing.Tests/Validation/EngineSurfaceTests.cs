using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Billing.Tests.Builders;

namespace BillingOrchestrator.Billing.Tests.Validation;

public sealed class EngineSurfaceTests
{
    [Fact]
    public void BillingChecks_OnePerCheckId_InOrder_WithCategoryControlsAndExplanation()
    {
        BillingChecks.All.Select(c => c.Id).ShouldBe(LeakageChecks.All.Keys);
        foreach (var check in BillingChecks.All)
        {
            check.Category.ShouldBe(LeakageChecks.All[check.Id]);
            check.Controls.ShouldContain(ControlIds.BillingValidation);
            check.Controls.ShouldContain(ControlIds.OutputValidation);
            check.Explanation.Length.ShouldBeGreaterThan(60);
            BillingChecks.Find(check.Id).ShouldBeSameAs(check);
        }
    }

    [Fact]
    public void Finding_Json_UsesTheApiNames()
    {
        var world = new CheckWorld().Add(CheckWorld.Entry(1, b => b.Doing(TestWorld.Project).Covered()));
        var finding = world.Run(LeakageChecks.ExcludedWorkCovered).ShouldHaveSingleItem();

        var json = BillingJson.Serialize(finding);

        json.ShouldContain("\"checkId\":\"excluded-work-covered\"");
        json.ShouldContain("\"category\":\"out-of-scope-labor\"");
        json.ShouldContain("\"severity\":\"High\"");
        json.ShouldContain("\"companyId\":2");
        json.ShouldContain("\"agreementId\":10");
        json.ShouldContain("\"timeEntryIds\":[1]");
        json.ShouldContain("\"hours\":1");
        json.ShouldContain("\"amountAtRisk\":125");
        json.ShouldContain("\"records\":[{\"kind\":\"TimeEntry\",\"id\":1}]");
        json.ShouldContain("\"suggestedDisposition\":\"Bill\"");
        BillingJson.Deserialize<Finding>(json).Message.ShouldBe(finding.Message);
    }

    [Fact]
    public void ValidationOptions_Invalid_NameEveryProblem_AndRunRefusesThem()
    {
        var options = new ValidationOptions
        {
            StaleAfterDays = 0,
            TechnicianDayShortfallPercent = 120m,
            WorkingDays = [],
            OverlapToleranceMinutes = -1,
            MissingTimeHoursPerTicket = 0m,
            RateTolerance = -0.01m,
            Checks = ["no-such-check"],
        };

        options.Validate().Select(p => p.Field).ShouldBe(
            ["StaleAfterDays", "TechnicianDayShortfallPercent", "WorkingDays", "OverlapToleranceMinutes", "MissingTimeHoursPerTicket", "RateTolerance", "Checks"]);
        ValidationOptions.Default.Validate().ShouldBeEmpty();
        var world = new CheckWorld();
        Should.Throw<ArgumentException>(() => Validator.Run(world.Snapshot, world.Catalog, CheckWorld.Standard, options)).Message.ShouldContain("StaleAfterDays");
    }

    [Fact]
    public void ValidationResult_RecordsParametersScopeAndHash_AndRoundTripsAsJson()
    {
        var world = new CheckWorld().Add(CheckWorld.Entry(1, b => b.Doing(TestWorld.Project).Covered()));
        var scope = ValidationScope.ForCompanies(2);

        var result = Validator.Run(world.Snapshot, world.Catalog, CheckWorld.Standard, ValidationOptions.Default with { StaleAfterDays = 30 }, scope);
        var back = BillingJson.Deserialize<ValidationResult>(BillingJson.Serialize(result));

        back.SnapshotHash.ShouldBe(SnapshotHasher.Compute(world.Snapshot));
        back.Options.StaleAfterDays.ShouldBe(30);
        back.Scope.CompanyIds.ShouldBe([2]);
        back.CodingStandardVersion.ShouldBe(1);
        back.TimeEntriesChecked.ShouldBe(1);
        back.Findings.Select(f => f.CheckId).ShouldContain(LeakageChecks.ExcludedWorkCovered);
        BillingJson.Serialize(back.Findings).ShouldBe(BillingJson.Serialize(result.Findings));
    }

    [Fact]
    public void ValidationScope_CompaniesOrAgreements()
    {
        var sink = new FindingSink(new ValidationScope { CompanyIds = [2], AgreementIds = [30] });

        sink.Includes(2, null).ShouldBeTrue();
        sink.Includes(3, 30).ShouldBeTrue();
        sink.Includes(3, 31).ShouldBeFalse();
        sink.Includes(3, null).ShouldBeFalse();
        new FindingSink().Includes(99, null).ShouldBeTrue();
    }
}
