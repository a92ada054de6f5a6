using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Tests.Builders;

namespace BillingOrchestrator.Billing.Tests;

public sealed class CodingStandardTests
{
    private static readonly DateOnly From = new(2026, 1, 1);

    private static CodingRule CatchAll => new() { Id = "rest", Classification = EntryClassification.Billable, BillableOption = BillableOption.Billable };

    [Fact]
    public void Standard_WithoutCatchAll_IsRejected()
    {
        var rule = CatchAll with { WorkType = "Remote*" };

        var (standard, problems) = CodingStandard.Create(TestWorld.Version(1, From), [rule]);

        standard.ShouldBeNull();
        problems.ShouldHaveSingleItem().Field.ShouldBe("rules");
    }

    [Fact]
    public void Standard_InvalidRules_NameEveryProblemAtOnce()
    {
        CodingRule[] rules =
        [
            CatchAll,
            CatchAll with { WorkType = "Remote*", BillableOption = BillableOption.NoDefault },
            CatchAll with { Id = "covered", Classification = EntryClassification.Covered },
            CatchAll with { Id = "internal", Classification = EntryClassification.NonBillable, AgreementType = "" },
        ];

        var (_, problems) = CodingStandard.Create(TestWorld.Version(1, From) with { ApprovedBy = "" }, rules);

        problems.Select(p => p.Field).ShouldBe(
        [
            "version.approvedBy",
            "rules[1].id",
            "rules[1].billableOption",
            "rules[2].coverage",
            "rules[3].agreementType",
            "rules[3].billableOption",
        ]);
    }

    [Fact]
    public void Standard_OrdersRulesByPriorityThenSpecificityThenId()
    {
        CodingRule[] rules =
        [
            CatchAll,
            CatchAll with { Id = "b-remote", WorkType = "Remote*", Priority = 10 },
            CatchAll with { Id = "a-remote-after-hours", WorkType = "Remote*", TimeOfDay = TimeOfDay.AfterHours, Priority = 10 },
            CatchAll with { Id = "urgent", Priority = 20, WorkType = "Emergency*" },
            CatchAll with { Id = "a-remote", WorkType = "Remote*", Priority = 10 },
        ];

        var standard = CodingStandard.Create(TestWorld.Version(1, From), rules).Standard!;

        standard.Rules.Select(r => r.Id).ShouldBe(["urgent", "a-remote-after-hours", "a-remote", "b-remote", "rest"]);
    }

    [Fact]
    public void Standard_Revise_IsTheNextApprovedVersionAndLeavesTheOldOne()
    {
        var v1 = DefaultCodingStandards.Create(From);
        var vcio = new CodingRule
        {
            Id = "vcio-covered-on-managed-services",
            Priority = 60,
            AgreementType = "Managed Services*",
            WorkRole = "vCIO*",
            Coverage = Coverage.InScope,
            Classification = EntryClassification.Covered,
            BillableOption = BillableOption.Billable,
        };

        var (v2, problems) = v1.Revise([.. v1.Rules, vcio], new DateOnly(2026, 7, 1), "cfo@msp.example", DateTimeOffset.UnixEpoch, "vCIO included in managed services");
        var (_, late) = v1.Revise(v1.Rules, From, "cfo@msp.example", DateTimeOffset.UnixEpoch, "no-op");

        problems.ShouldBeEmpty();
        v2!.Version.Number.ShouldBe(2);
        v2.Version.ApprovedBy.ShouldBe("cfo@msp.example");
        v2.Rules.Count.ShouldBe(v1.Rules.Count + 1);
        v1.Rules.ShouldNotContain(vcio);
        late.ShouldHaveSingleItem().Field.ShouldBe("version.effectiveFrom");
    }

    [Fact]
    public void DefaultStandard_IsValidAndEndsWithTheCatchAll()
    {
        var standard = DefaultCodingStandards.Create(From);

        standard.Rules.Count.ShouldBe(DefaultCodingStandards.Rules.Count);
        standard.Rules[^1].Id.ShouldBe(DefaultCodingStandards.Fallback);
        standard.Rules[0].Priority.ShouldBe(100);
    }

    [Theory]
    [InlineData("Managed Services*", "Managed Services - All You Can Eat", true)]
    [InlineData("managed services*", "Managed Services - All You Can Eat", true)]
    [InlineData("Time*Material*", "Time and Materials", true)]
    [InlineData("Block*", "Retainer Block", false)]
    [InlineData("*Support", "Remote Support", true)]
    [InlineData("Remote Suppor?", "Remote Support", true)]
    [InlineData("Remote Support", "Remote Support Plus", false)]
    [InlineData("*", "", true)]
    public void Glob_MatchesWildcardsCaseInsensitively(string pattern, string text, bool matches) =>
        Glob.IsMatch(pattern, text).ShouldBe(matches);
}
