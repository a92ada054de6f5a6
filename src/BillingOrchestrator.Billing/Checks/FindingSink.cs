namespace BillingOrchestrator.Billing.Checks;

/// <summary>Collects a run's findings and drops those outside the run's scope. Not thread-safe: one sink per check run.</summary>
public sealed class FindingSink
{
    private readonly ValidationScope.Predicate _scope;
    private readonly List<Finding> _findings = [];

    public FindingSink(ValidationScope? scope = null)
    {
        _scope = (scope ?? ValidationScope.All).Compile();
    }

    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Whether a finding for this company and agreement would be kept: checks ask before composing one.</summary>
    public bool Includes(int companyId, int? agreementId) => _scope.Includes(companyId, agreementId);

    public void Add(Finding finding)
    {
        ArgumentNullException.ThrowIfNull(finding);
        if (_scope.Includes(finding.CompanyId, finding.AgreementId))
        {
            _findings.Add(finding);
        }
    }
}
