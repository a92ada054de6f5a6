using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Demo;

namespace BillingOrchestrator.Billing.Tests.Validation;

/// <summary>The default demo data set and one full validation run over it, shared by the tests that judge the run.</summary>
public sealed class DemoValidationFixture
{
    public DemoValidationFixture()
    {
        Data = DemoDataGenerator.Generate(DemoDataOptions.Default);
        Options = ValidationOptions.Default with { StaleAfterDays = Data.GroundTruth.StaleAfterDays };
        Result = Validator.Run(Data.Snapshot, Data.Catalog, Data.CodingStandard, Options);
    }

    public DemoDataSet Data { get; }

    public ValidationOptions Options { get; }

    public ValidationResult Result { get; }
}
