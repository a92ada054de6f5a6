using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// One agreement over a run of days in which the same catalog versions apply: the merged rules, the rates in force
/// and the business hours. Agreements without catalog rules fall back to what the ConnectWise agreement itself says.
/// </summary>
internal sealed class RuleScope
{
    private sbyte[]? _coverage;

    public required int AgreementIndex { get; init; }

    public Agreement? Agreement { get; init; }

    public BillingRules? Rules { get; init; }

    public required SpecialRates Rates { get; init; }

    /// <summary>Identifies <see cref="Rates"/> (by reference) among the run's distinct rate sets.</summary>
    public required int RatesId { get; init; }

    /// <summary><see cref="Rates"/> without negotiated role rates: what the entry costs at the role's standard rate.</summary>
    public required SpecialRates StandardRoleRates { get; init; }

    public required bool CoversTime { get; init; }

    /// <summary>First day number (inclusive) the scope applies to.</summary>
    public required int FromDay { get; init; }

    /// <summary>Day number the scope stops applying (exclusive).</summary>
    public required int ToDay { get; set; }

    /// <summary>Cached coverage of (work type, work role) positions: -1 unknown, else a <see cref="CoverageFact"/>; filled while the context is built.</summary>
    public sbyte[] CoverageCache(int size)
    {
        if (_coverage is null)
        {
            _coverage = new sbyte[size];
            Array.Fill(_coverage, (sbyte)-1);
        }

        return _coverage;
    }
}
