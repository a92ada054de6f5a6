using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Tests.Builders;

/// <summary>Agreements with sensible defaults: an active, open-ended, unlimited managed-services agreement.</summary>
internal sealed class AgreementBuilder
{
    private Agreement _agreement = new()
    {
        Id = 10,
        Name = "Acme Dental - Managed Services",
        TypeId = TestWorld.Managed,
        CompanyId = 2,
        AgreementStatus = AgreementStatus.Active,
        StartDate = new DateOnly(2025, 6, 1),
        NoEndingDateFlag = true,
        BillAmount = new Money(2500m),
        ApplicationUnits = ApplicationUnits.Hours,
        ApplicationCycle = ApplicationCycle.CalendarMonth,
        ApplicationUnlimitedFlag = true,
        CoverAgreementTime = true,
        BillTime = BillableOption.Billable,
        LastUpdated = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
    };

    public AgreementBuilder WithId(int id) => Set(a => a with { Id = id });

    public AgreementBuilder OfType(int typeId) => Set(a => a with { TypeId = typeId, CoverAgreementTime = typeId != TestWorld.TimeAndMaterials });

    public AgreementBuilder ForCompany(int companyId) => Set(a => a with { CompanyId = companyId });

    public AgreementBuilder Running(DateOnly start, DateOnly? end) => Set(a => a with { StartDate = start, EndDate = end, NoEndingDateFlag = end is null });

    public AgreementBuilder WithLimit(ApplicationUnits units, decimal limit) =>
        Set(a => a with { ApplicationUnits = units, ApplicationLimit = limit, ApplicationUnlimitedFlag = false });

    public AgreementBuilder WithStatus(AgreementStatus status) => Set(a => a with { AgreementStatus = status });

    public AgreementBuilder With(Func<Agreement, Agreement> change) => Set(change);

    public Agreement Build() => _agreement;

    public static implicit operator Agreement(AgreementBuilder builder) => builder.Build();

    private AgreementBuilder Set(Func<Agreement, Agreement> change)
    {
        _agreement = change(_agreement);
        return this;
    }
}
