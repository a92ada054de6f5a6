namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// The rates the catalog has in force for one combination of rates, work type, work role and time of day, worked
/// out once per run for every entry sharing it.
/// </summary>
internal sealed class RateFacts
{
    /// <summary>The hourly rate in force: role rate, work type, then the highest premium.</summary>
    public required Money Rate { get; init; }

    /// <summary>The rate had the work started in business hours.</summary>
    public required Money BusinessHoursRate { get; init; }

    /// <summary>The rate at the role's standard rate, ignoring a negotiated role rate.</summary>
    public required Money StandardRoleRate { get; init; }

    /// <summary>The rate at the role's standard rate had the work started in business hours.</summary>
    public required Money StandardRoleBusinessHoursRate { get; init; }

    /// <summary>Whether the rules set a role rate above the role's standard rate.</summary>
    public required bool HasHigherRoleRate { get; init; }
}
