using BillingOrchestrator.Billing.Agreements;

namespace BillingOrchestrator.Integrations.ConnectWise.Mapping;

/// <summary>
/// An agreement's sub-resources, already mapped, for <see cref="ConnectWiseMapper.MapAgreement"/> to embed: its own
/// work-type and work-role rates, the work types and roles it excludes, and its additions.
/// </summary>
public sealed record AgreementParts
{
    public static AgreementParts None { get; } = new();

    public IReadOnlyList<AgreementWorkTypeRate> WorkTypes { get; init; } = [];

    public IReadOnlyList<AgreementWorkRoleRate> WorkRoles { get; init; } = [];

    /// <summary>Work type ids from <c>/workTypeExclusions</c>.</summary>
    public IReadOnlyList<int> WorkTypeExclusions { get; init; } = [];

    /// <summary>Work role ids from <c>/workRoleExclusions</c>.</summary>
    public IReadOnlyList<int> WorkRoleExclusions { get; init; } = [];

    public IReadOnlyList<AgreementAddition> Additions { get; init; } = [];
}
