namespace BillingOrchestrator.Billing.Exceptions;

/// <summary>
/// The monthly control sample: a seeded random pick of manual overrides (catalog rule overrides) and write-offs, routed
/// for review so gradual policy drift is caught. The seed is kept so anyone can draw the same sample again.
/// </summary>
public sealed class ControlSample
{
    public required string Id { get; init; }

    public required string InstanceId { get; init; }

    public required int Seed { get; init; }

    public required int Population { get; init; }

    public IReadOnlyList<SampledItem> Items { get; init; } = [];

    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>Draws up to <paramref name="size"/> items from <paramref name="population"/> with a seeded shuffle.</summary>
    public static IReadOnlyList<SampledItem> Draw(IReadOnlyList<SampledItem> population, int size, int seed)
    {
        var ordered = population.OrderBy(i => i.Kind, StringComparer.Ordinal).ThenBy(i => i.Reference, StringComparer.Ordinal).ToArray();
        new Random(seed).Shuffle(ordered);
        return [.. ordered.Take(size)];
    }
}

/// <summary>One sampled decision: <c>override</c> (an agreement's rule override) or <c>write-off</c> (an exception).</summary>
public sealed record SampledItem(string Kind, string Reference, string Summary, string? DecidedBy, string? Link);
