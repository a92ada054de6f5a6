namespace BillingOrchestrator.Billing.Checks;

/// <summary>Why a chargeable entry is billed below the rate in force; decided in one place so the three rate checks never overlap.</summary>
internal enum RateShortfall
{
    None,

    /// <summary>Billed at the business-hours rate although the work started after hours.</summary>
    AfterHours,

    /// <summary>Billed at the role's standard rate although the rules set a higher role rate.</summary>
    RoleRate,

    /// <summary>Billed below the rate in force for any other reason.</summary>
    Other,
}

internal static class RateShortfalls
{
    /// <summary>Classifies a chargeable entry's rate against the rate the catalog has in force for it.</summary>
    public static RateShortfall Of(CheckContext context, int entry)
    {
        var facts = context.Facts[entry];
        if ((facts.Flags & EntryFlags.Chargeable) == 0)
        {
            return RateShortfall.None;
        }

        if (facts.Rates < 0)
        {
            return RateShortfall.None;
        }

        var verdict = context.RateTable[facts.Rates];
        var rate = context.Entries[entry].HourlyRate;
        var tolerance = context.Options.RateTolerance;
        if (rate.Amount >= verdict.Rate.Amount - tolerance)
        {
            return RateShortfall.None;
        }

        if ((facts.Flags & EntryFlags.AfterHours) != 0 && verdict.Rate > verdict.BusinessHoursRate
            && (Near(rate, verdict.BusinessHoursRate, tolerance) || Near(rate, verdict.StandardRoleBusinessHoursRate, tolerance)))
        {
            return RateShortfall.AfterHours;
        }

        return verdict.HasHigherRoleRate && Near(rate, verdict.StandardRoleRate, tolerance) ? RateShortfall.RoleRate : RateShortfall.Other;
    }

    private static bool Near(Money a, Money b, decimal tolerance) => Math.Abs(a.Amount - b.Amount) <= tolerance;
}
