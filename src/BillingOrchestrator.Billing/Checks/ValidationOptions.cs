namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// The thresholds of a validation run, bound from configuration (<c>Validation</c> section) by the host. Rule-level
/// thresholds (included hours, overage trigger, business hours, special rates) live in the agreement catalog instead.
/// </summary>
public sealed record ValidationOptions
{
    public static ValidationOptions Default { get; } = new();

    /// <summary>Ready-to-bill time more than this many days old at period end, and on no invoice, is stale.</summary>
    public int StaleAfterDays { get; init; } = 45;

    /// <summary>A technician's working day is short when logged hours fall this many percent (or more) below the daily capacity.</summary>
    public decimal TechnicianDayShortfallPercent { get; init; } = 50m;

    /// <summary>Days technicians are scheduled to work (by the UTC date of an entry's start).</summary>
    public IReadOnlyList<DayOfWeek> WorkingDays { get; init; } =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday];

    /// <summary>Days nobody is scheduled to work (public holidays, office closures).</summary>
    public IReadOnlyList<DateOnly> Holidays { get; init; } = [];

    /// <summary>Two entries of one technician overlap only when they share more than this many minutes (timer slack).</summary>
    public int OverlapToleranceMinutes { get; init; } = 5;

    /// <summary>
    /// Hours a ticket without time is valued at, at least: a closed ticket with no time, or each ticket of an agreement
    /// without time, is priced at this many hours at the lowest role rate the agreement's rules allow.
    /// </summary>
    public decimal MissingTimeHoursPerTicket { get; init; } = 1m;

    /// <summary>A billed rate this much (or less) below the rate in force is not reported (0: any shortfall is).</summary>
    public decimal RateTolerance { get; init; }

    /// <summary>Ids of the checks to run (<see cref="LeakageChecks"/>); null or empty runs every check.</summary>
    public IReadOnlyList<string>? Checks { get; init; }

    /// <summary>Every invalid value, named; empty when the options can be used.</summary>
    public IReadOnlyList<ValidationProblem> Validate()
    {
        var problems = new List<ValidationProblem>();
        if (StaleAfterDays < 1)
        {
            problems.Add(new(nameof(StaleAfterDays), "must be at least 1"));
        }

        if (TechnicianDayShortfallPercent is <= 0m or > 100m)
        {
            problems.Add(new(nameof(TechnicianDayShortfallPercent), "must be more than 0 and at most 100"));
        }

        if (WorkingDays is null || WorkingDays.Count == 0)
        {
            problems.Add(new(nameof(WorkingDays), "must name at least one day"));
        }

        if (OverlapToleranceMinutes < 0)
        {
            problems.Add(new(nameof(OverlapToleranceMinutes), "must not be negative"));
        }

        if (MissingTimeHoursPerTicket <= 0m)
        {
            problems.Add(new(nameof(MissingTimeHoursPerTicket), "must be more than 0"));
        }

        if (RateTolerance < 0m)
        {
            problems.Add(new(nameof(RateTolerance), "must not be negative"));
        }

        foreach (var id in Checks ?? [])
        {
            if (!LeakageChecks.All.ContainsKey(id))
            {
                problems.Add(new(nameof(Checks), $"'{id}' is not a check id"));
            }
        }

        return problems;
    }
}
