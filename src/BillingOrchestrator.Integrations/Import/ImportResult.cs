using System.Diagnostics.CodeAnalysis;

namespace BillingOrchestrator.Integrations.Import;

/// <summary>All or nothing: either the complete <see cref="Value"/> or every problem found, never part of the data.</summary>
public sealed class ImportResult<T>
    where T : class
{
    private ImportResult(T? value, IReadOnlyList<ImportProblem> problems)
    {
        Value = value;
        Problems = problems;
    }

    /// <summary>The imported data; null when there are problems.</summary>
    public T? Value { get; }

    public IReadOnlyList<ImportProblem> Problems { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool Succeeded => Value is not null;

    public static ImportResult<T> Success(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), []);

    public static ImportResult<T> Failure(IReadOnlyList<ImportProblem> problems) =>
        problems.Count == 0 ? throw new ArgumentException("A failure needs at least one problem.", nameof(problems)) : new(null, problems);

    public override string ToString() => Succeeded ? "imported" : $"{Problems.Count} problem(s): " + string.Join("; ", Problems.Take(20));
}
