using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Dashboards;

namespace BillingOrchestrator.Web.Feed;

/// <summary>Every entity set of the feed, built once per version of the data.</summary>
public sealed record FeedData(
    string Version,
    IReadOnlyList<LeakageFactRow> LeakageFacts,
    IReadOnlyList<FindingRow> Findings,
    IReadOnlyList<KpiPointRow> KpiSeries,
    IReadOnlyList<AgreementRow> Agreements,
    IReadOnlyList<TimeEntryRow> TimeEntries,
    IReadOnlyList<ExceptionRow> Exceptions)
{
    /// <summary>The entity set names, as the feed, <c>$metadata</c> and the exports call them.</summary>
    public static IReadOnlyList<string> Sets { get; } = ["LeakageFacts", "Findings", "KpiSeries", "Agreements", "TimeEntries", "Exceptions"];

    public static LeakageFactRow Row(LeakageFact fact, IReadOnlyDictionary<int, string> companies) => new()
    {
        Id = fact.Id,
        Measure = fact.Measure,
        Date = fact.Date,
        WeekStart = LeakageDashboard.WeekOf(fact.Date),
        CompanyId = fact.CompanyId,
        Company = companies.GetValueOrDefault(fact.CompanyId, ""),
        AgreementId = fact.AgreementId,
        ServiceLine = fact.ServiceLine,
        Amount = fact.Amount.Amount,
        Hours = fact.Hours.Value,
        CheckId = fact.CheckId,
        TimeEntries = fact.TimeEntryIds.Count,
    };

    /// <summary>Rows of one set by name (case-insensitive); null for an unknown name.</summary>
    public System.Collections.IEnumerable? Set(string name) => name.ToUpperInvariant() switch
    {
        "LEAKAGEFACTS" => LeakageFacts,
        "FINDINGS" => Findings,
        "KPISERIES" => KpiSeries,
        "AGREEMENTS" => Agreements,
        "TIMEENTRIES" => TimeEntries,
        "EXCEPTIONS" => Exceptions,
        _ => null,
    };

    internal static string Link(Catalog.SourceLinks links, EntityKind kind, int id) => links.For(new SourceRef(kind, id));
}
