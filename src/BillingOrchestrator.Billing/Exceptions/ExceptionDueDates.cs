namespace BillingOrchestrator.Billing.Exceptions;

/// <summary>
/// How long after routing an exception must have its disposition: the first rule whose every given condition matches
/// wins (category, amount at least); otherwise <see cref="DefaultDueIn"/>. Configured under <c>Exceptions:DueDates</c>.
/// </summary>
public sealed class ExceptionDueDates
{
    public TimeSpan DefaultDueIn { get; set; } = TimeSpan.FromDays(3);

    public List<DueDateRule> Rules { get; set; } = [];

    public (TimeSpan DueIn, string Because) For(string category, decimal amount)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            if (Rules[i].Matches(category, amount))
            {
                return (Rules[i].DueIn, $"due-date rule {i + 1}");
            }
        }

        return (DefaultDueIn, "default due date");
    }

    public IEnumerable<string> Problems()
    {
        if (DefaultDueIn <= TimeSpan.Zero)
        {
            yield return "Exceptions:DueDates:DefaultDueIn must be positive";
        }

        for (var i = 0; i < Rules.Count; i++)
        {
            if (Rules[i].DueIn <= TimeSpan.Zero)
            {
                yield return $"Exceptions:DueDates:Rules:{i}:DueIn must be positive";
            }
        }
    }
}

/// <summary>One due-date rule; an empty condition matches everything.</summary>
public sealed class DueDateRule
{
    public string? Category { get; set; }

    public decimal? MinAmount { get; set; }

    public TimeSpan DueIn { get; set; }

    public bool Matches(string category, decimal amount) =>
        (Category is null || string.Equals(Category, category, StringComparison.OrdinalIgnoreCase))
        && (MinAmount is null || amount >= MinAmount);
}
