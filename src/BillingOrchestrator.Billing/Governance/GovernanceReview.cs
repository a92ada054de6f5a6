using System.Globalization;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Kpis;

namespace BillingOrchestrator.Billing.Governance;

/// <summary>
/// Playbook step 6: the month's agreement profitability, chronic overrun and under-use over the months before, and
/// the recommendations that follow (see docs/kpis.md, "Monthly governance review"). Pure.
/// </summary>
public static class GovernanceReview
{
    public const string Reprice = "reprice";
    public const string Repackage = "repackage";
    public const string ChangeIncludedHours = "change-included-hours";
    public const string EnforceCoding = "enforce-coding";

    public const string ChronicOverrun = "chronic-overrun";
    public const string ChronicUnderUse = "chronic-under-use";

    /// <summary>Months looked back over for patterns, the review month included.</summary>
    public const int PatternMonths = 3;

    public static GovernanceAnalysis Analyse(BillingSnapshot snapshot, AgreementCatalog catalog, IReadOnlyList<Finding> findings, DateOnly month, GovernanceOptions? options = null)
    {
        var o = options ?? GovernanceOptions.Default;
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(findings);
        month = new DateOnly(month.Year, month.Month, 1);
        var monthEnd = month.AddMonths(1).AddDays(-1);
        var margins = KpiCalculator.Compute(snapshot with { PeriodStart = month, PeriodEnd = monthEnd }, []).GrossMargin.ByAgreement
            .ToDictionary(l => int.Parse(l.Key, CultureInfo.InvariantCulture));
        var companies = snapshot.Companies.ToDictionary(c => c.Id, c => c.Name);
        var types = snapshot.AgreementTypes.ToDictionary(t => t.Id, t => t.Name);
        var usage = MonthlyUsage(snapshot, month);

        var rows = new List<AgreementProfitability>();
        var patterns = new List<UsagePattern>();
        var proposals = new List<RecommendationProposal>();
        foreach (var agreement in snapshot.Agreements.OrderBy(a => a.Id))
        {
            if (!margins.TryGetValue(agreement.Id, out var line))
            {
                continue;
            }

            var included = IncludedHours(agreement, month);
            var used = line.LabourHours;
            rows.Add(new AgreementProfitability(
                agreement.Id,
                agreement.Name,
                agreement.CompanyId,
                companies.GetValueOrDefault(agreement.CompanyId, ""),
                types.GetValueOrDefault(agreement.TypeId, ""),
                line.Revenue,
                line.LabourCost,
                line.AdditionCost,
                line.Margin,
                line.GrossMargin,
                used.IsZero ? null : new Money(line.Revenue.Amount / used.Value).RoundToCents(),
                used,
                included,
                included is { IsZero: false } limit ? Math.Round(used.Value / limit.Value * 100m, 1, MidpointRounding.ToEven) : null));

            var history = usage.GetValueOrDefault(agreement.Id) ?? [];
            var pattern = PatternOf(history, o.UnderUseShare);
            if (pattern is not null)
            {
                patterns.Add(new UsagePattern(agreement.Id, agreement.Name, pattern, history));
                var average = Math.Ceiling(history.Average(m => m.Used.Value));
                proposals.Add(pattern == ChronicOverrun
                    ? new RecommendationProposal(agreement.Id, ChangeIncludedHours, $"Used more than the {history[^1].Included.Value:0.##} included hours in {history.Count(m => m.Used > m.Included)} of the last {history.Count} months; average {average:0} h.", new RecommendedChange(average, null))
                    : new RecommendationProposal(agreement.Id, Repackage, $"Used less than {o.UnderUseShare:P0} of the {history[^1].Included.Value:0.##} included hours in {history.Count(m => m.Used.Value < m.Included.Value * o.UnderUseShare)} of the last {history.Count} months; a block of {Math.Max(average, 1m):0} h fits.", new RecommendedChange(Math.Max(average, 1m), null)));
            }

            if (line.GrossMargin is { } grossMargin && grossMargin < o.MarginFloor && RepricedRates(snapshot, catalog, agreement, month, monthEnd, o.RepriceUplift) is { Count: > 0 } rates)
            {
                proposals.Add(new RecommendationProposal(agreement.Id, Reprice, $"Gross margin {grossMargin:P1} is below the {o.MarginFloor:P0} floor; raise the rates of the roles that worked on it by {o.RepriceUplift:P0}.", new RecommendedChange(null, rates)));
            }

            var miscoded = findings.Count(f => f.AgreementId == agreement.Id && f.Category == LeakageKind.AgreementMismatch);
            if (miscoded >= o.MiscodingThreshold)
            {
                proposals.Add(new RecommendationProposal(agreement.Id, EnforceCoding, $"{miscoded} time entries charged against the coding standard or to the wrong agreement; enforce the coding standard with its technicians.", null));
            }
        }

        return new GovernanceAnalysis(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), rows, patterns, proposals);
    }

    /// <summary>Chronic when it happens in at least two of the months looked at, and in the review month itself.</summary>
    private static string? PatternOf(IReadOnlyList<MonthUsage> months, decimal underUseShare)
    {
        if (months.Count < 2 || months.Any(m => m.Included.IsZero))
        {
            return null;
        }

        if (months.Count(m => m.Used > m.Included) >= 2 && months[^1].Used > months[^1].Included)
        {
            return ChronicOverrun;
        }

        return months.Count(m => m.Used.Value < m.Included.Value * underUseShare) >= 2 && months[^1].Used.Value < months[^1].Included.Value * underUseShare
            ? ChronicUnderUse
            : null;
    }

    private static Dictionary<int, List<MonthUsage>> MonthlyUsage(BillingSnapshot snapshot, DateOnly month)
    {
        var first = month.AddMonths(-(PatternMonths - 1));
        var result = new Dictionary<int, List<MonthUsage>>();
        var byAgreement = snapshot.TimeEntries.Where(e => e.AgreementId is not null).ToLookup(e => e.AgreementId!.Value);
        foreach (var agreement in snapshot.Agreements)
        {
            var months = new List<MonthUsage>();
            for (var m = first; m <= month; m = m.AddMonths(1))
            {
                if (m < new DateOnly(snapshot.PeriodStart.Year, snapshot.PeriodStart.Month, 1) || IncludedHours(agreement, m) is not { } included)
                {
                    continue;
                }

                var end = m.AddMonths(1);
                var used = byAgreement[agreement.Id]
                    .Where(e => DateOnly.FromDateTime(e.TimeStart.UtcDateTime) is var d && d >= m && d < end)
                    .Aggregate(Hours.Zero, (sum, e) => sum + e.ActualHours);
                months.Add(new MonthUsage(m.ToString("yyyy-MM", CultureInfo.InvariantCulture), used, included));
            }

            result[agreement.Id] = months;
        }

        return result;
    }

    /// <summary>The hours included in a calendar month, for an agreement that counts hours, has a limit and is in term.</summary>
    private static Hours? IncludedHours(Agreement agreement, DateOnly month) =>
        agreement.ApplicationUnits == ApplicationUnits.Hours && agreement.ApplicationLimit is > 0 && !agreement.ApplicationUnlimitedFlag && agreement.IsInTerm(month)
            ? new Hours(agreement.ApplicationLimit.Value)
            : null;

    private static Dictionary<int, Money>? RepricedRates(BillingSnapshot snapshot, AgreementCatalog catalog, Agreement agreement, DateOnly month, DateOnly monthEnd, decimal uplift)
    {
        if (catalog.Resolve(agreement, monthEnd) is not { } rules)
        {
            return null;
        }

        var roles = snapshot.WorkRoles.ToDictionary(r => r.Id);
        return snapshot.TimeEntries
            .Where(e => e.AgreementId == agreement.Id && DateOnly.FromDateTime(e.TimeStart.UtcDateTime) is var d && d >= month && d <= monthEnd)
            .Select(e => e.WorkRoleId)
            .Distinct()
            .Where(roles.ContainsKey)
            .Order()
            .ToDictionary(id => id, id => (rules.Rates.RoleRate(roles[id]) * (1m + uplift)).RoundToCents());
    }
}
