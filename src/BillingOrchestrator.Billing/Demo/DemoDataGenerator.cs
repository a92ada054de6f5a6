namespace BillingOrchestrator.Billing.Demo;

/// <summary>
/// Generates a realistic MSP's ConnectWise data for a period, deterministically from a seed, with known leakage
/// of every kind the validation checks look for and the ground truth beside it. Everything else is clean: rates,
/// coverage, coding, tickets, invoices and schedules agree with the catalog and the coding standard it returns.
/// </summary>
public static class DemoDataGenerator
{
    public static DemoDataSet Generate(DemoDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid demo data options: " + string.Join("; ", problems), nameof(options));
        }

        return new DemoBuilder(options).Build();
    }
}
