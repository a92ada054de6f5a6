using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Tests.Builders;

namespace BillingOrchestrator.Billing.Tests;

public sealed class AgreementIntakeTests
{
    private static AgreementIntake Complete => AgreementIntake.FromAgreement(new AgreementBuilder(), "ana.ortiz@msp.example");

    [Fact]
    public void Intake_MissingOwnerAndDates_NamesEveryField()
    {
        var problems = new AgreementIntake().Validate();

        problems.Select(p => p.Field).ShouldBe(
        [
            "id", "name", "company", "type", "owner", "startDate", "endDate",
            "applicationCycle", "applicationUnits", "applicationLimit", "billAmount", "billTime",
        ]);
        problems.ShouldAllBe(p => !string.IsNullOrWhiteSpace(p.Reason));
    }

    [Fact]
    public void Intake_InvalidValues_NameFieldAndReasonAtOnce()
    {
        var intake = Complete with
        {
            Owner = "ana",
            StartDate = new DateOnly(2026, 5, 1),
            EndDate = new DateOnly(2026, 4, 30),
            NoEndingDateFlag = false,
            ApplicationUnlimitedFlag = false,
            ApplicationUnits = ApplicationUnits.Hours,
            ApplicationLimit = 0m,
            BillAmount = new Money(-1m),
        };

        intake.Validate().ShouldBe(
        [
            new ValidationProblem("owner", "'ana' is not an email address of a named user"),
            new ValidationProblem("endDate", "must not be before startDate"),
            new ValidationProblem("applicationLimit", "required and more than zero unless applicationUnlimitedFlag is set"),
            new ValidationProblem("billAmount", "must not be negative"),
        ]);
    }

    [Fact]
    public void Intake_EndDateAndNoEndingFlagTogether_IsAProblem()
    {
        var problem = (Complete with { EndDate = new DateOnly(2027, 1, 1), NoEndingDateFlag = true }).Validate().ShouldHaveSingleItem();

        problem.Field.ShouldBe("endDate");
    }

    [Fact]
    public void Intake_CompleteUnlimitedAgreement_HasNoProblems()
    {
        Complete.ApplicationUnlimitedFlag.ShouldBeTrue();
        Complete.ApplicationLimit.ShouldBeNull();
        Complete.Validate().ShouldBeEmpty();
    }

    [Fact]
    public void Enroll_IncompleteIntake_IsRejectedAndGetsNoOwner()
    {
        var catalog = TestWorld.NewCatalog();

        var problems = catalog.Enroll(Complete with { Owner = null, ApplicationCycle = null });

        problems.Select(p => p.Field).ShouldBe(["owner", "applicationCycle"]);
        catalog.IsEnrolled(10).ShouldBeFalse();
    }

    [Fact]
    public void Enroll_TypeWithoutRules_IsRejected()
    {
        var catalog = TestWorld.NewCatalog();

        var problem = catalog.Enroll(Complete with { TypeId = TestWorld.Warranty }).ShouldHaveSingleItem();

        problem.Field.ShouldBe("type");
        problem.Reason.ShouldContain("no billing rule set");
    }

    [Fact]
    public void Enroll_CompleteIntake_RecordsTheAccountableOwner()
    {
        var catalog = TestWorld.NewCatalog();

        catalog.Enroll(Complete).ShouldBeEmpty();
        catalog.Enroll(Complete with { Owner = "ben.schmidt@msp.example" }).ShouldBeEmpty();

        catalog.OwnerOf(10).ShouldBe("ben.schmidt@msp.example");
    }

    [Fact]
    public void FromAgreement_CarriesConnectWiseFields()
    {
        Agreement agreement = new AgreementBuilder().WithLimit(ApplicationUnits.Amount, 5000m).Running(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31));

        var intake = AgreementIntake.FromAgreement(agreement, null);

        intake.ApplicationUnits.ShouldBe(ApplicationUnits.Amount);
        intake.ApplicationLimit.ShouldBe(5000m);
        intake.EndDate.ShouldBe(new DateOnly(2026, 12, 31));
        intake.BillTime.ShouldBe(BillableOption.Billable);
        intake.Validate().ShouldHaveSingleItem().Field.ShouldBe("owner");
    }
}
