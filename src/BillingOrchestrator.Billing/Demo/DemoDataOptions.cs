namespace BillingOrchestrator.Billing.Demo;

/// <summary>Size and shape of a generated demo MSP. The same options (seed included) always give the same data.</summary>
public sealed record DemoDataOptions
{
    public int Seed { get; init; } = 20261031;

    public int Companies { get; init; } = 120;

    public int Agreements { get; init; } = 200;

    public int Technicians { get; init; } = 40;

    /// <summary>Whole calendar months of time, ending with the month of <see cref="PeriodEnd"/>.</summary>
    public int Months { get; init; } = 3;

    public int TargetTimeEntries { get; init; } = 60_000;

    /// <summary>The last day of the period; must be the last day of a month.</summary>
    public DateOnly PeriodEnd { get; init; } = new(2026, 10, 31);

    /// <summary>How many leakage cases to inject per check.</summary>
    public int CasesPerCheck { get; init; } = 3;

    /// <summary>Ready-to-bill time older than this many days (at period end) is stale.</summary>
    public int StaleAfterDays { get; init; } = 45;

    /// <summary>The default: a 120-customer MSP, about 60,000 entries over three months.</summary>
    public static DemoDataOptions Default { get; } = new();

    /// <summary>Benchmark size: 10,000 agreements and about a million time entries.</summary>
    public static DemoDataOptions Scale { get; } = new()
    {
        Companies = 6_000,
        Agreements = 10_000,
        Technicians = 700,
        TargetTimeEntries = 1_000_000,
        CasesPerCheck = 20,
    };

    public IReadOnlyList<ValidationProblem> Validate()
    {
        var problems = new List<ValidationProblem>();
        if (Companies < 10)
        {
            problems.Add(new(nameof(Companies), "must be at least 10"));
        }

        if (Agreements - Companies < 8 * CasesPerCheck)
        {
            problems.Add(new(nameof(Agreements), $"must exceed companies by at least {8 * CasesPerCheck}: leakage needs secondary, historical and late-starting agreements"));
        }

        if (Technicians < 8)
        {
            problems.Add(new(nameof(Technicians), "must be at least 8"));
        }

        if (Months is < 3 or > 12)
        {
            problems.Add(new(nameof(Months), "must be between 3 and 12"));
        }

        if (TargetTimeEntries < Technicians * Months * 100)
        {
            problems.Add(new(nameof(TargetTimeEntries), "must allow at least 100 entries per technician per month"));
        }

        if (PeriodEnd.AddDays(1).Day != 1)
        {
            problems.Add(new(nameof(PeriodEnd), "must be the last day of a month"));
        }

        if (CasesPerCheck < 1)
        {
            problems.Add(new(nameof(CasesPerCheck), "must be at least 1"));
        }

        if (StaleAfterDays < 31 || StaleAfterDays > (Months - 1) * 28)
        {
            problems.Add(new(nameof(StaleAfterDays), $"must be between 31 and {(Months - 1) * 28}: older than the current month, younger than the first"));
        }

        return problems;
    }
}
