using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Tests.Builders;

/// <summary>A small tenant with names the default coding standard recognises, and a catalog for it.</summary>
internal static class TestWorld
{
    public const int Remote = 1, Onsite = 2, Emergency = 3, Project = 4, Hardware = 5, Admin = 6;
    public const int HelpDesk = 1, Engineer = 2, Architect = 3;
    public const int Managed = 1, Block = 2, PerDevice = 3, Retainer = 4, TimeAndMaterials = 5, Warranty = 6;

    public static readonly DateOnly CatalogStart = new(2026, 1, 1);

    public static IReadOnlyList<WorkType> WorkTypes { get; } =
    [
        Type(Remote, "Remote Support", 1m),
        Type(Onsite, "Onsite Support", 1m),
        Type(Emergency, "Emergency Support", 2m),
        Type(Project, "Project Work", 1m),
        Type(Hardware, "Hardware Install", 1m),
        Type(Admin, "Internal Admin", 1m) with { BillTime = BillableOption.DoNotBill },
    ];

    public static IReadOnlyList<WorkRole> WorkRoles { get; } =
    [
        new() { Id = HelpDesk, Name = "Help Desk Tier 1", HourlyRate = new Money(125m) },
        new() { Id = Engineer, Name = "Systems Engineer", HourlyRate = new Money(150m) },
        new() { Id = Architect, Name = "Network Architect", HourlyRate = new Money(190m) },
    ];

    public static IReadOnlyList<AgreementType> AgreementTypes { get; } =
    [
        new() { Id = Managed, Name = "Managed Services - All You Can Eat" },
        new() { Id = Block, Name = "Block Hours" },
        new() { Id = PerDevice, Name = "Per Device" },
        new() { Id = Retainer, Name = "Retainer" },
        new() { Id = TimeAndMaterials, Name = "Time and Materials" },
        new() { Id = Warranty, Name = "Warranty" },
    ];

    public static WorkType WorkType(int id) => WorkTypes.Single(w => w.Id == id);

    public static WorkRole WorkRole(int id) => WorkRoles.Single(r => r.Id == id);

    public static RuleVersion Version(int number, DateOnly from, string approvedBy = "cfo@msp.example") => new()
    {
        Number = number,
        EffectiveFrom = from,
        ApprovedBy = approvedBy,
        ApprovedAt = new DateTimeOffset(from.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-7),
        ChangeReason = $"version {number}",
    };

    /// <summary>Rule sets for every type but Warranty, which stays without rules.</summary>
    public static AgreementCatalog NewCatalog()
    {
        var rates = new SpecialRates { EmergencyWorkTypeIds = [Emergency] };
        var catalog = new AgreementCatalog();
        Publish(catalog, new BillingRuleSet
        {
            AgreementTypeId = Managed,
            Version = Version(1, CatalogStart),
            CoveredWorkTypeIds = [Remote, Onsite, Emergency],
            ExcludedWorkTypeIds = [Project, Hardware],
            Overage = new OverageTrigger(100m, OverageAction.Warn),
            Rates = rates,
        });
        Publish(catalog, new BillingRuleSet
        {
            AgreementTypeId = Block,
            Version = Version(1, CatalogStart),
            ExcludedWorkTypeIds = [Project],
            Overage = new OverageTrigger(100m, OverageAction.BillAtOverageRate, new Money(150m)),
            Rates = rates,
        });
        Publish(catalog, new BillingRuleSet
        {
            AgreementTypeId = PerDevice,
            Version = Version(1, CatalogStart),
            CoveredWorkTypeIds = [Remote],
            Overage = new OverageTrigger(100m, OverageAction.Warn),
            Rates = rates,
        });
        Publish(catalog, new BillingRuleSet
        {
            AgreementTypeId = Retainer,
            Version = Version(1, CatalogStart),
            Overage = new OverageTrigger(90m, OverageAction.Warn),
            Rates = rates,
        });
        Publish(catalog, new BillingRuleSet
        {
            AgreementTypeId = TimeAndMaterials,
            Version = Version(1, CatalogStart),
            CoversTime = false,
            Overage = new OverageTrigger(100m, OverageAction.BillAtOverageRate),
            Rates = rates with { RoleRates = new Dictionary<int, Money> { [Architect] = new(210m) } },
        });
        return catalog;
    }

    public static BillingSnapshot Snapshot(params Agreement[] agreements) => new()
    {
        OwnCompanyId = 1,
        PeriodStart = new DateOnly(2026, 9, 1),
        PeriodEnd = new DateOnly(2026, 9, 30),
        WorkTypes = WorkTypes,
        WorkRoles = WorkRoles,
        AgreementTypes = AgreementTypes,
        Agreements = agreements,
    };

    private static void Publish(AgreementCatalog catalog, BillingRuleSet ruleSet) => catalog.Publish(ruleSet).ShouldBeEmpty();

    private static WorkType Type(int id, string name, decimal multiplier) =>
        new() { Id = id, Name = name, BillTime = BillableOption.Billable, Rate = multiplier, RateType = RateType.Multiplier };
}
