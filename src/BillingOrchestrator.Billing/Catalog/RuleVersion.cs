namespace BillingOrchestrator.Billing.Catalog;

/// <summary>
/// Version, validity and approval of a rule set, an agreement override or a coding standard. A change is only
/// published with the name of whoever approved it and why.
/// </summary>
public sealed record RuleVersion
{
    public required int Number { get; init; }

    public required DateOnly EffectiveFrom { get; init; }

    /// <summary>Last day the version applies (inclusive); null while it has not been superseded.</summary>
    public DateOnly? EffectiveTo { get; init; }

    public required string ApprovedBy { get; init; }

    public required DateTimeOffset ApprovedAt { get; init; }

    public required string ChangeReason { get; init; }

    public bool IsEffectiveOn(DateOnly date) => date >= EffectiveFrom && (EffectiveTo is not { } to || date <= to);

    internal void Validate(string prefix, List<ValidationProblem> problems)
    {
        if (Number < 1)
        {
            problems.Add(new($"{prefix}.number", "must be 1 or more"));
        }

        if (string.IsNullOrWhiteSpace(ApprovedBy))
        {
            problems.Add(new($"{prefix}.approvedBy", "required: a change needs the name of whoever approved it"));
        }

        if (string.IsNullOrWhiteSpace(ChangeReason))
        {
            problems.Add(new($"{prefix}.changeReason", "required: say why the rules change"));
        }

        if (EffectiveTo is { } to && to < EffectiveFrom)
        {
            problems.Add(new($"{prefix}.effectiveTo", "must not be before effectiveFrom"));
        }
    }
}
