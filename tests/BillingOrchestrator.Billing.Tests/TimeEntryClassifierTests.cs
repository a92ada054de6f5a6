using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Tests.Builders;
using BillingOrchestrator.Billing.TimeEntries;
using static BillingOrchestrator.Billing.Tests.Builders.TestWorld;
using Rules = BillingOrchestrator.Billing.Coding.DefaultCodingStandards;

namespace BillingOrchestrator.Billing.Tests;

public sealed class TimeEntryClassifierTests
{
    private const int ManagedId = 10, BlockId = 11, PerDeviceId = 12, RetainerId = 13, TimeAndMaterialsId = 14, WarrantyId = 15, EndedId = 16;

    private readonly AgreementCatalog _catalog = NewCatalog();

    private TimeEntryClassifier Classifier(BusinessHours? hours = null) => new(
        DefaultCodingStandards.Create(CatalogStart),
        Snapshot(
            new AgreementBuilder().WithId(ManagedId),
            new AgreementBuilder().WithId(BlockId).OfType(Block).WithLimit(ApplicationUnits.Hours, 20m),
            new AgreementBuilder().WithId(PerDeviceId).OfType(PerDevice),
            new AgreementBuilder().WithId(RetainerId).OfType(Retainer).WithLimit(ApplicationUnits.Amount, 5000m),
            new AgreementBuilder().WithId(TimeAndMaterialsId).OfType(TimeAndMaterials),
            new AgreementBuilder().WithId(WarrantyId).OfType(Warranty),
            new AgreementBuilder().WithId(EndedId).Running(new DateOnly(2025, 1, 1), new DateOnly(2026, 8, 31))),
        _catalog,
        hours);

    [Theory]
    [InlineData(null, Admin, ChargeToType.ChargeCode, 10, Rules.InternalChargeCode, EntryClassification.NonBillable, BillableOption.DoNotBill)]
    [InlineData(null, Admin, ChargeToType.Activity, 10, Rules.InternalActivity, EntryClassification.NonBillable, BillableOption.DoNotBill)]
    [InlineData(ManagedId, Admin, ChargeToType.ServiceTicket, 10, Rules.InternalWorkType, EntryClassification.NonBillable, BillableOption.DoNotBill)]
    [InlineData(ManagedId, Hardware, ChargeToType.ServiceTicket, 10, Rules.OutOfScope, EntryClassification.Excluded, BillableOption.Billable)]
    [InlineData(PerDeviceId, Onsite, ChargeToType.ServiceTicket, 10, Rules.OutOfScope, EntryClassification.Excluded, BillableOption.Billable)]
    [InlineData(EndedId, Remote, ChargeToType.ServiceTicket, 10, Rules.OutOfScope, EntryClassification.Excluded, BillableOption.Billable)]
    [InlineData(ManagedId, Emergency, ChargeToType.ServiceTicket, 10, Rules.Emergency, EntryClassification.Billable, BillableOption.Billable)]
    [InlineData(TimeAndMaterialsId, Project, ChargeToType.ProjectTicket, 10, Rules.Project, EntryClassification.Billable, BillableOption.Billable)]
    [InlineData(ManagedId, Remote, ChargeToType.ServiceTicket, 10, Rules.ManagedServicesCovered, EntryClassification.Covered, BillableOption.Billable)]
    [InlineData(ManagedId, Remote, ChargeToType.ServiceTicket, 20, Rules.ManagedServicesAfterHours, EntryClassification.Billable, BillableOption.Billable)]
    [InlineData(PerDeviceId, Remote, ChargeToType.ServiceTicket, 10, Rules.PerDeviceCovered, EntryClassification.Covered, BillableOption.Billable)]
    [InlineData(PerDeviceId, Remote, ChargeToType.ServiceTicket, 7, Rules.PerDeviceAfterHours, EntryClassification.Billable, BillableOption.Billable)]
    [InlineData(BlockId, Remote, ChargeToType.ServiceTicket, 22, Rules.BlockHoursCovered, EntryClassification.Covered, BillableOption.Billable)]
    [InlineData(RetainerId, Onsite, ChargeToType.ServiceTicket, 10, Rules.RetainerCovered, EntryClassification.Covered, BillableOption.Billable)]
    [InlineData(TimeAndMaterialsId, Remote, ChargeToType.ServiceTicket, 10, Rules.TimeAndMaterials, EntryClassification.Billable, BillableOption.Billable)]
    [InlineData(null, Remote, ChargeToType.ServiceTicket, 10, Rules.NoAgreement, EntryClassification.Billable, BillableOption.Billable)]
    [InlineData(WarrantyId, Remote, ChargeToType.ServiceTicket, 10, Rules.Fallback, EntryClassification.Billable, BillableOption.Billable)]
    public void Classify_DefaultStandard_AppliesTheDecidingRule(
        int? agreementId, int workTypeId, ChargeToType chargeTo, int hour, string ruleId, EntryClassification classification, BillableOption option)
    {
        var entry = new TimeEntryBuilder().OnAgreement(agreementId).Doing(workTypeId).ChargedTo(chargeTo).At(2026, 9, 15, hour).Coded(option);
        if (classification == EntryClassification.Covered)
        {
            entry.Covered();
        }

        var result = Classifier().Classify(entry);

        result.RuleId.ShouldBe(ruleId);
        result.Classification.ShouldBe(classification);
        result.ExpectedBillableOption.ShouldBe(option);
        result.IsMiscoded.ShouldBeFalse(string.Join("; ", result.Reasons));
        result.Reasons.ShouldBeEmpty();
    }

    [Fact]
    public void Classify_WeekendAndHoliday_AreAfterHours()
    {
        var hours = new BusinessHours(new TimeOnly(8, 0), new TimeOnly(18, 0), [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday], holidays: [new DateOnly(2026, 9, 15)]);

        var saturday = Classifier().Classify(new TimeEntryBuilder().At(2026, 9, 19, 10));
        var holiday = Classifier(hours).Classify(new TimeEntryBuilder().OnAgreement(null).At(2026, 9, 15, 10));

        saturday.RuleId.ShouldBe(Rules.ManagedServicesAfterHours);
        saturday.AfterHours.ShouldBeTrue();
        holiday.AfterHours.ShouldBeTrue();
    }

    [Fact]
    public void Classify_OverrideExclusion_MakesWorkOutOfScopeForThatAgreementOnly()
    {
        _catalog.Publish(new AgreementRuleOverride { AgreementId = ManagedId, Version = Version(1, CatalogStart), ExcludeWorkTypeIds = [Onsite] }).ShouldBeEmpty();
        var classifier = Classifier();

        classifier.Classify(new TimeEntryBuilder().Doing(Onsite)).RuleId.ShouldBe(Rules.OutOfScope);
        classifier.Classify(new TimeEntryBuilder().Doing(Onsite).OnAgreement(RetainerId).Covered()).RuleId.ShouldBe(Rules.RetainerCovered);
    }

    [Fact]
    public void Classify_BillableOptionAgainstTheStandard_IsMiscodedNamingTheRule()
    {
        var result = Classifier().Classify(new TimeEntryBuilder().OnAgreement(TimeAndMaterialsId).Coded(BillableOption.NoCharge));

        result.IsMiscoded.ShouldBeTrue();
        result.RuleId.ShouldBe(Rules.TimeAndMaterials);
        result.Reasons.ShouldHaveSingleItem().ShouldBe("billableOption is NoCharge; rule 'time-and-materials-billable' expects Billable (Time and materials bills all work)");
    }

    [Fact]
    public void Classify_ExcludedWorkAppliedToTheAgreement_IsMiscoded()
    {
        var result = Classifier().Classify(new TimeEntryBuilder().Doing(Hardware).Covered());

        result.Classification.ShouldBe(EntryClassification.Excluded);
        result.Coverage.ShouldBe(Coverage.OutOfScope);
        result.IsMiscoded.ShouldBeTrue();
        result.Reasons.ShouldHaveSingleItem().ShouldContain("applied to agreement 10");
    }

    [Fact]
    public void Classify_TimeAppliedToAgreementWithoutTimeCoverage_IsMiscoded()
    {
        var result = Classifier().Classify(new TimeEntryBuilder().OnAgreement(TimeAndMaterialsId).Covered());

        result.Coverage.ShouldBe(Coverage.NoCoverage);
        result.IsMiscoded.ShouldBeTrue();
        result.Reasons.ShouldHaveSingleItem().ShouldContain("the agreement does not cover time");
    }

    [Fact]
    public void Classify_CoveredWorkBilled_IsMiscodedOnUnlimitedAgreementsOnly()
    {
        var classifier = Classifier();

        classifier.Classify(new TimeEntryBuilder()).IsMiscoded.ShouldBeTrue("unlimited managed services absorb this work");
        classifier.Classify(new TimeEntryBuilder().OnAgreement(BlockId)).IsMiscoded.ShouldBeFalse("billed block time may be overage");
    }

    [Fact]
    public void Classify_AgreementMissingFromSnapshot_IsFlagged()
    {
        var result = Classifier().Classify(new TimeEntryBuilder().OnAgreement(999));

        result.RuleId.ShouldBe(Rules.Fallback);
        result.Reasons.ShouldContain("agreement 999 is not in the snapshot");
    }

    [Fact]
    public void Classify_AgreementWithoutCatalogRules_FallsBackToConnectWiseExclusions()
    {
        var classifier = new TimeEntryClassifier(
            DefaultCodingStandards.Create(CatalogStart),
            Snapshot(new AgreementBuilder().WithId(WarrantyId).OfType(Warranty).With(a => a with { WorkTypeExclusions = [Onsite] })),
            _catalog);

        var result = classifier.Classify(new TimeEntryBuilder().OnAgreement(WarrantyId).Doing(Onsite));

        result.RuleId.ShouldBe(Rules.OutOfScope);
        result.Coverage.ShouldBe(Coverage.OutOfScope);
    }
}
