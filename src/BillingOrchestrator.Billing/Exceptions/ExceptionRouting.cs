namespace BillingOrchestrator.Billing.Exceptions;

/// <summary>
/// Routes an exception to the finance or service owner: the first rule whose every given condition matches wins
/// (category, customer owner, amount at least); otherwise <see cref="DefaultRole"/>. Configured under
/// <c>Exceptions:Routing</c>.
/// </summary>
public sealed class ExceptionRouting
{
    public string DefaultRole { get; set; } = "ServiceManager";

    public List<RoutingRule> Rules { get; set; } = [];

    public (string Role, string Because) Route(string category, string? customerOwner, decimal amount)
    {
        for (var i = 0; i < Rules.Count; i++)
        {
            var rule = Rules[i];
            if (rule.Matches(category, customerOwner, amount))
            {
                return (rule.Role, $"rule {i + 1}: {rule.Describe()}");
            }
        }

        return (DefaultRole, "default role");
    }

    public IEnumerable<string> Problems(IReadOnlySet<string> roles)
    {
        if (!roles.Contains(DefaultRole))
        {
            yield return $"Exceptions:Routing:DefaultRole '{DefaultRole}' is not a role";
        }

        for (var i = 0; i < Rules.Count; i++)
        {
            if (!roles.Contains(Rules[i].Role))
            {
                yield return $"Exceptions:Routing:Rules:{i}:Role '{Rules[i].Role}' is not a role";
            }
        }
    }
}

/// <summary>One routing rule; an empty condition matches everything.</summary>
public sealed class RoutingRule
{
    public string? Category { get; set; }

    public string? CustomerOwner { get; set; }

    public decimal? MinAmount { get; set; }

    public string Role { get; set; } = "";

    public bool Matches(string category, string? customerOwner, decimal amount) =>
        (Category is null || string.Equals(Category, category, StringComparison.OrdinalIgnoreCase))
        && (CustomerOwner is null || string.Equals(CustomerOwner, customerOwner, StringComparison.OrdinalIgnoreCase))
        && (MinAmount is null || amount >= MinAmount);

    public string Describe()
    {
        var parts = new List<string>();
        if (Category is not null)
        {
            parts.Add($"category {Category}");
        }

        if (CustomerOwner is not null)
        {
            parts.Add($"customer owner {CustomerOwner}");
        }

        if (MinAmount is not null)
        {
            parts.Add($"amount at least {MinAmount:0.00}");
        }

        return $"{(parts.Count == 0 ? "everything" : string.Join(", ", parts))} to {Role}";
    }
}
