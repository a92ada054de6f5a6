namespace BillingOrchestrator.Billing.Psa;

/// <summary>A ConnectWise member (<c>/system/members</c>): a technician who logs time.</summary>
public sealed record Member
{
    public required int Id { get; init; }

    /// <summary>ConnectWise <c>identifier</c> (login name).</summary>
    public required string Identifier { get; init; }

    public required string FirstName { get; init; }

    public required string LastName { get; init; }

    /// <summary>ConnectWise <c>defaultRole</c>: the work role the member usually works in.</summary>
    public required int DefaultRoleId { get; init; }

    /// <summary>ConnectWise <c>dailyCapacity</c>: the hours the member is scheduled per working day.</summary>
    public required Hours DailyCapacity { get; init; }

    /// <summary>ConnectWise <c>hourlyCost</c>: what an hour of this member costs the MSP.</summary>
    public required Money HourlyCost { get; init; }

    public bool InactiveFlag { get; init; }
}
