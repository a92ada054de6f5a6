namespace BillingOrchestrator.Persistence.Operations;

/// <summary>
/// Where an overdue item of <see cref="Role"/> goes: its owners are notified <see cref="NotifyAfter"/> past the due
/// date, and <see cref="ReassignAfter"/> after that notice it is reassigned to <see cref="EscalationRole"/>.
/// </summary>
public sealed class EscalationPathRow
{
    public required string Role { get; init; }

    public required string EscalationRole { get; set; }

    public TimeSpan NotifyAfter { get; set; }

    public TimeSpan ReassignAfter { get; set; }

    public required string UpdatedBy { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
