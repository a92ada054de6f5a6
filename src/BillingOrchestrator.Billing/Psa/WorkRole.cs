namespace BillingOrchestrator.Billing.Psa;

/// <summary>A ConnectWise work role (<c>/time/workRoles</c>): who did the work, with its standard hourly rate.</summary>
public sealed record WorkRole
{
    public required int Id { get; init; }

    public required string Name { get; init; }

    /// <summary>ConnectWise <c>hourlyRate</c>: the role's standard billing rate.</summary>
    public required Money HourlyRate { get; init; }

    public bool InactiveFlag { get; init; }
}
