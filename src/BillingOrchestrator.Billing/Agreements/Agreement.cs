using BillingOrchestrator.Billing.Psa;

namespace BillingOrchestrator.Billing.Agreements;

/// <summary>
/// A ConnectWise agreement (<c>/finance/agreements</c>) with its sub-resources: work-type and work-role rates,
/// exclusions and additions. Property names follow the API's JSON names.
/// </summary>
public sealed record Agreement
{
    public required int Id { get; init; }

    public required string Name { get; init; }

    /// <summary>ConnectWise <c>type</c>: the agreement type.</summary>
    public required int TypeId { get; init; }

    public required int CompanyId { get; init; }

    public required AgreementStatus AgreementStatus { get; init; }

    public required DateOnly StartDate { get; init; }

    public DateOnly? EndDate { get; init; }

    public bool NoEndingDateFlag { get; init; }

    /// <summary>ConnectWise <c>billAmount</c>: the recurring fee per invoice, before additions.</summary>
    public required Money BillAmount { get; init; }

    public ApplicationUnits? ApplicationUnits { get; init; }

    /// <summary>ConnectWise <c>applicationLimit</c>: hours, amount or incidents included per cycle.</summary>
    public decimal? ApplicationLimit { get; init; }

    public ApplicationCycle? ApplicationCycle { get; init; }

    public bool ApplicationUnlimitedFlag { get; init; }

    /// <summary>ConnectWise <c>allowOverruns</c>: time past the limit is still applied and the excess becomes billable.</summary>
    public bool AllowOverruns { get; init; }

    public bool CarryOverUnused { get; init; }

    /// <summary>ConnectWise <c>coverAgreementTime</c>: whether the agreement absorbs time at all.</summary>
    public bool CoverAgreementTime { get; init; }

    /// <summary>ConnectWise <c>billTime</c>: the billable option time on this agreement defaults to.</summary>
    public required BillableOption BillTime { get; init; }

    public int? WorkRoleId { get; init; }

    public int? WorkTypeId { get; init; }

    /// <summary>ConnectWise <c>_info.lastUpdated</c>: the last time anything on the agreement changed.</summary>
    public required DateTimeOffset LastUpdated { get; init; }

    public IReadOnlyList<AgreementWorkTypeRate> WorkTypes { get; init; } = [];

    public IReadOnlyList<AgreementWorkRoleRate> WorkRoles { get; init; } = [];

    /// <summary>ConnectWise <c>workTypeExclusions</c>: work types this agreement never covers.</summary>
    public IReadOnlyList<int> WorkTypeExclusions { get; init; } = [];

    /// <summary>ConnectWise <c>workRoleExclusions</c>: work roles this agreement never covers.</summary>
    public IReadOnlyList<int> WorkRoleExclusions { get; init; } = [];

    public IReadOnlyList<AgreementAddition> Additions { get; init; } = [];

    /// <summary>Whether <paramref name="date"/> lies between <see cref="StartDate"/> and <see cref="EndDate"/> (inclusive).</summary>
    public bool IsInTerm(DateOnly date) =>
        date >= StartDate && (NoEndingDateFlag || EndDate is not { } end || date <= end);

    /// <summary>What an agreement invoice dated <paramref name="invoiceDate"/> should bill: the fee plus every billable addition.</summary>
    public Money ExpectedInvoiceAmount(DateOnly invoiceDate)
    {
        var total = BillAmount;
        foreach (var addition in Additions)
        {
            if (addition.IsBillableOn(invoiceDate))
            {
                total += addition.ExtPrice;
            }
        }

        return total;
    }
}
