using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Catalog;

/// <summary>
/// Rates that differ from a role's standard rate: after-hours and emergency multipliers and negotiated role rates.
/// When several premiums apply, the highest wins; they never compound.
/// </summary>
public sealed record SpecialRates
{
    public static SpecialRates Standard { get; } = new();

    public decimal AfterHoursMultiplier { get; init; } = 1.5m;

    /// <summary>The window in which standard rates apply.</summary>
    public BusinessHours BusinessHours { get; init; } = BusinessHours.Standard;

    public decimal EmergencyMultiplier { get; init; } = 2m;

    /// <summary>Work types billed at the emergency multiplier.</summary>
    public IReadOnlyList<int> EmergencyWorkTypeIds { get; init; } = [];

    /// <summary>Hourly rates per work role id that replace the role's standard rate.</summary>
    public IReadOnlyDictionary<int, Money> RoleRates { get; init; } = new Dictionary<int, Money>();

    public Money RoleRate(WorkRole role) => RoleRates.TryGetValue(role.Id, out var rate) ? rate : role.HourlyRate;

    public Money HourlyRate(WorkRole role, WorkType workType, DateTimeOffset timeStart) =>
        HourlyRate(role, workType, afterHours: !BusinessHours.Contains(timeStart));

    /// <summary>The hourly rate the entry should carry, in cents: role rate, then work type, then the highest premium.</summary>
    public Money HourlyRate(WorkRole role, WorkType workType, bool afterHours)
    {
        var roleRate = RoleRate(role);
        var rate = workType.ApplyRate(roleRate);
        if (afterHours)
        {
            rate = Money.Max(rate, roleRate * AfterHoursMultiplier);
        }

        if (Contains(EmergencyWorkTypeIds, workType.Id))
        {
            rate = Money.Max(rate, roleRate * EmergencyMultiplier);
        }

        return rate.RoundToCents();
    }

    private static bool Contains(IReadOnlyList<int> ids, int id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (ids[i] == id)
            {
                return true;
            }
        }

        return false;
    }
}
