namespace BillingOrchestrator.Billing.Dashboards;

/// <summary>
/// Playbook step 5: one week's unbilled labour, write-offs and agreement overrun by customer and service line, the
/// trend over the weeks before, and the agreements leaking most that week.
/// </summary>
public sealed record LeakageDashboard(
    DateOnly WeekStart,
    DateOnly WeekEnd,
    LeakageTotals ThisWeek,
    IReadOnlyList<WeekTotals> Trend,
    IReadOnlyList<LeakageLine> ByCustomer,
    IReadOnlyList<LeakageLine> ByServiceLine,
    IReadOnlyList<LeakageLine> TopAgreements)
{
    public const int TrendWeeks = 8;
    public const int TopAgreementCount = 10;

    /// <summary>The Monday on or before <paramref name="date"/>: weeks run Monday to Sunday.</summary>
    public static DateOnly WeekOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public static LeakageDashboard Build(IReadOnlyList<LeakageFact> facts, DateOnly weekStart, BillingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(snapshot);
        weekStart = WeekOf(weekStart);
        var weekEnd = weekStart.AddDays(6);
        var week = facts.Where(f => f.Date >= weekStart && f.Date <= weekEnd).ToList();
        var companies = snapshot.Companies.ToDictionary(c => c.Id, c => c.Name);
        var agreements = snapshot.Agreements.ToDictionary(a => a.Id, a => a.Name);
        var trend = Enumerable.Range(0, TrendWeeks)
            .Select(i => weekStart.AddDays(-7 * (TrendWeeks - 1 - i)))
            .Select(start => new WeekTotals(start, LeakageTotals.Of(facts.Where(f => f.Date >= start && f.Date <= start.AddDays(6)))))
            .ToList();
        var byCustomer = week.GroupBy(f => f.CompanyId)
            .Select(g => new LeakageLine(Key(g.Key), companies.GetValueOrDefault(g.Key, $"Company {g.Key}"), g.Key, null, LeakageTotals.Of(g)))
            .OrderByDescending(l => l.Totals.Leak).ThenBy(l => l.Key, StringComparer.Ordinal)
            .ToList();
        var byServiceLine = week.GroupBy(f => f.ServiceLine, StringComparer.Ordinal)
            .Select(g => new LeakageLine(g.Key, g.Key, null, null, LeakageTotals.Of(g)))
            .OrderByDescending(l => l.Totals.Leak).ThenBy(l => l.Key, StringComparer.Ordinal)
            .ToList();
        var top = week.Where(f => f.AgreementId is not null).GroupBy(f => f.AgreementId!.Value)
            .Select(g => new LeakageLine(Key(g.Key), agreements.GetValueOrDefault(g.Key, $"Agreement {g.Key}"), g.First().CompanyId, g.Key, LeakageTotals.Of(g)))
            .OrderByDescending(l => l.Totals.Leak).ThenBy(l => l.AgreementId)
            .Take(TopAgreementCount)
            .ToList();
        return new LeakageDashboard(weekStart, weekEnd, LeakageTotals.Of(week), trend, byCustomer, byServiceLine, top);
    }

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The three measures; <see cref="Leak"/> is the money of unbilled labour and write-offs together.</summary>
public sealed record LeakageTotals(Money UnbilledLabour, Money WriteOffs, Hours OverrunHours, Money OverrunValue, int Facts)
{
    public Money Leak => UnbilledLabour + WriteOffs;

    public static LeakageTotals Of(IEnumerable<LeakageFact> facts)
    {
        var unbilled = Money.Zero;
        var writeOffs = Money.Zero;
        var overrunHours = Hours.Zero;
        var overrunValue = Money.Zero;
        var count = 0;
        foreach (var fact in facts)
        {
            count++;
            switch (fact.Measure)
            {
                case LeakageFact.UnbilledLabour:
                    unbilled += fact.Amount;
                    break;
                case LeakageFact.WriteOff:
                    writeOffs += fact.Amount;
                    break;
                default:
                    overrunHours += fact.Hours;
                    overrunValue += fact.Amount;
                    break;
            }
        }

        return new LeakageTotals(unbilled, writeOffs, overrunHours, overrunValue, count);
    }
}

public sealed record WeekTotals(DateOnly WeekStart, LeakageTotals Totals);

/// <summary>A customer, service line or agreement with its totals for the week.</summary>
public sealed record LeakageLine(string Key, string Name, int? CompanyId, int? AgreementId, LeakageTotals Totals);
