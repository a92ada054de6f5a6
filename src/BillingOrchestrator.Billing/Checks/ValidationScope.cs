namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// Which findings a run reports: all of them, or only those of some companies or agreements (a rollout's pilot).
/// A finding is in scope when its company is listed or its agreement is listed. Checks still read the whole
/// snapshot, so a scoped run reports exactly the full run's findings for the scope.
/// </summary>
public sealed record ValidationScope
{
    public static ValidationScope All { get; } = new();

    /// <summary>Customer company ids; null does not restrict by company.</summary>
    public IReadOnlyList<int>? CompanyIds { get; init; }

    /// <summary>Agreement ids; null does not restrict by agreement.</summary>
    public IReadOnlyList<int>? AgreementIds { get; init; }

    public bool IsAll => CompanyIds is null && AgreementIds is null;

    public static ValidationScope ForCompanies(params IEnumerable<int> companyIds) => new() { CompanyIds = [.. companyIds.Distinct().Order()] };

    public static ValidationScope ForAgreements(params IEnumerable<int> agreementIds) => new() { AgreementIds = [.. agreementIds.Distinct().Order()] };

    internal Predicate Compile() => new(
        CompanyIds is null ? null : [.. CompanyIds],
        AgreementIds is null ? null : [.. AgreementIds]);

    /// <summary>The scope as sets, built once per run.</summary>
    internal sealed class Predicate(HashSet<int>? companies, HashSet<int>? agreements)
    {
        public bool Includes(int companyId, int? agreementId)
        {
            if (companies is null && agreements is null)
            {
                return true;
            }

            return (companies is not null && companies.Contains(companyId))
                || (agreements is not null && agreementId is { } id && agreements.Contains(id));
        }
    }
}
