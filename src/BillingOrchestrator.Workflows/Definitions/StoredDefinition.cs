namespace BillingOrchestrator.Workflows.Definitions;

/// <summary>One saved version of a definition, as in Elsa: a published version never changes.</summary>
public sealed class StoredDefinition
{
    public required string Id { get; init; }

    public required string DefinitionId { get; init; }

    public int Version { get; init; }

    public required string Name { get; set; }

    public string? Description { get; set; }

    public bool IsLatest { get; set; }

    public bool IsPublished { get; set; }

    /// <summary>The definition JSON exactly as saved.</summary>
    public required string Json { get; set; }

    /// <summary>SHA-256 of the definition's content, ignoring its version number; a changed file has a new hash.</summary>
    public required string ContentHash { get; set; }

    public string? Source { get; set; }

    public DateTimeOffset CreatedAt { get; init; }

    public string? CreatedBy { get; init; }

    public DateTimeOffset? PublishedAt { get; set; }

    public string? PublishedBy { get; set; }
}

/// <summary>Which version of a definition a caller wants.</summary>
public readonly record struct VersionSelector(string Kind, int Number = 0)
{
    public static VersionSelector Latest => new("latest");

    public static VersionSelector Published => new("published");

    public static VersionSelector Exactly(int version) => new("number", version);

    /// <summary>Parses <c>latest</c>, <c>published</c>, <c>draft</c> or a version number; null when it is none of them.</summary>
    public static VersionSelector? Parse(string? text) => text switch
    {
        null or "" or "published" => Published,
        "latest" => Latest,
        "draft" => new VersionSelector("draft"),
        _ when int.TryParse(text, out var n) && n > 0 => Exactly(n),
        _ => null,
    };
}
