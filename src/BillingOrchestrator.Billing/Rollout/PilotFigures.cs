namespace BillingOrchestrator.Billing.Rollout;

/// <summary>
/// Precision and recall of the pilot's checks from the reviewers' labels: precision = TP / (TP + FP) over the labelled
/// findings, recall = TP / (TP + FN) with the logged missed leaks as false negatives; null where a denominator is zero.
/// Per category too, which is what week 3 tunes thresholds by.
/// </summary>
public sealed record PilotFigures(
    int Findings,
    int Labelled,
    int Unlabelled,
    int TruePositives,
    int FalsePositives,
    int FalseNegatives,
    decimal? Precision,
    decimal? Recall,
    decimal TruePositiveAmount,
    decimal FalsePositiveAmount,
    decimal FalseNegativeAmount,
    int Overrides,
    IReadOnlyList<PilotCategoryFigures> ByCategory)
{
    /// <summary>The figures for <paramref name="findings"/> findings (category of each), their labels, the missed leaks and the override count.</summary>
    public static PilotFigures Compute(IReadOnlyCollection<string> findings, IReadOnlyCollection<PilotLabel> labels, IReadOnlyCollection<PilotFalseNegative> missed, int overrides)
    {
        var categories = findings.Concat(labels.Select(l => l.Category)).Concat(missed.Select(m => m.Category ?? "uncategorized")).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var byCategory = categories.Select(c =>
        {
            var inCategory = labels.Where(l => l.Category == c).ToList();
            var tp = inCategory.Count(l => l.Verdict == PilotVerdict.TruePositive);
            var fp = inCategory.Count - tp;
            var fn = missed.Count(m => (m.Category ?? "uncategorized") == c);
            return new PilotCategoryFigures(c, findings.Count(f => f == c), inCategory.Count, tp, fp, fn, Ratio(tp, tp + fp), Ratio(tp, tp + fn));
        }).ToList();
        var truePositives = labels.Count(l => l.Verdict == PilotVerdict.TruePositive);
        var falsePositives = labels.Count - truePositives;
        return new PilotFigures(
            findings.Count,
            labels.Count,
            findings.Count - labels.Count,
            truePositives,
            falsePositives,
            missed.Count,
            Ratio(truePositives, truePositives + falsePositives),
            Ratio(truePositives, truePositives + missed.Count),
            labels.Where(l => l.Verdict == PilotVerdict.TruePositive).Sum(l => l.AmountCents) / 100m,
            labels.Where(l => l.Verdict == PilotVerdict.FalsePositive).Sum(l => l.AmountCents) / 100m,
            missed.Sum(m => m.AmountCents) / 100m,
            overrides,
            byCategory);
    }

    private static decimal? Ratio(int part, int whole) => whole == 0 ? null : decimal.Round((decimal)part / whole, 4, MidpointRounding.ToEven);
}

public sealed record PilotCategoryFigures(string Category, int Findings, int Labelled, int TruePositives, int FalsePositives, int FalseNegatives, decimal? Precision, decimal? Recall);
