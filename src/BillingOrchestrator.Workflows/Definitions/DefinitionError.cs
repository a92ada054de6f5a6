namespace BillingOrchestrator.Workflows.Definitions;

/// <summary>One reason a definition was refused: where it came from, the JSON path inside it, and why.</summary>
public sealed record DefinitionError(string Source, string Path, string Message)
{
    public override string ToString() => $"{Source}: {Path}: {Message}";
}

/// <summary>Thrown when a definition is refused; carries every error found, not just the first.</summary>
public sealed class InvalidDefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception("Invalid workflow definition: " + string.Join("; ", errors))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
