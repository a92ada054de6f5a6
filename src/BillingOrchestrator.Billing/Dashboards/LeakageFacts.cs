using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Kpis;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Dashboards;

/// <summary>Turns a snapshot and its findings into dated leakage facts (see docs/kpis.md, "Weekly leakage dashboard").</summary>
public static class LeakageFacts
{
    public const string NoTicket = "No ticket";

    public static IReadOnlyList<LeakageFact> From(BillingSnapshot snapshot, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(findings);
        var entries = snapshot.TimeEntries.ToDictionary(e => e.Id);
        var tickets = snapshot.Tickets.ToDictionary(t => t.Id);
        string LineOf(TimeEntry entry) => entry.TicketId is { } t && tickets.TryGetValue(t, out var ticket) ? ticket.Board : NoTicket;

        var facts = new List<LeakageFact>();
        var labour = KpiCalculator.LabourCategories.ToHashSet();
        foreach (var finding in findings.Where(f => labour.Contains(f.Category)))
        {
            var ids = finding.TimeEntryIds.Concat(finding.Records.Where(r => r.Kind == EntityKind.TimeEntry).Select(r => r.Id)).Distinct().Order().ToList();
            var ticket = finding.Records.Where(r => r.Kind == EntityKind.ServiceTicket).Select(r => tickets.GetValueOrDefault(r.Id)).FirstOrDefault(t => t is not null);
            var date = ids.Where(entries.ContainsKey).Select(id => DateOf(entries[id])).DefaultIfEmpty().Max();
            if (date == default)
            {
                date = ticket is null ? snapshot.PeriodEnd : DateOnly.FromDateTime((ticket.ClosedDate ?? ticket.DateEntered).UtcDateTime);
            }

            var first = finding.Records.Count > 0 ? finding.Records[0].ToString() : finding.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture);
            facts.Add(new LeakageFact
            {
                Id = $"{LeakageFact.UnbilledLabour}:{finding.CheckId}:{first}",
                Measure = LeakageFact.UnbilledLabour,
                Date = date,
                CompanyId = finding.CompanyId,
                AgreementId = finding.AgreementId,
                ServiceLine = finding.ServiceLine ?? ticket?.Board ?? ids.Where(entries.ContainsKey).Select(id => LineOf(entries[id])).FirstOrDefault() ?? NoTicket,
                Amount = finding.AmountAtRisk,
                Hours = finding.Hours,
                CheckId = finding.CheckId,
                TimeEntryIds = ids,
            });
        }

        foreach (var entry in snapshot.TimeEntries.Where(e => e.Status == TimeEntryStatus.WrittenOff))
        {
            facts.Add(new LeakageFact
            {
                Id = $"{LeakageFact.WriteOff}:{entry.Id}",
                Measure = LeakageFact.WriteOff,
                Date = DateOf(entry),
                CompanyId = entry.CompanyId,
                AgreementId = entry.AgreementId,
                ServiceLine = LineOf(entry),
                Amount = (entry.HourlyRate * entry.ActualHours).RoundToCents(),
                Hours = entry.ActualHours,
                TimeEntryIds = [entry.Id],
            });
        }

        facts.AddRange(Overruns(snapshot, LineOf));
        return [.. facts.OrderBy(f => f.Date).ThenBy(f => f.Measure, StringComparer.Ordinal).ThenBy(f => f.Id, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Hours past an agreement's included hours in a calendar month, on the entries that went past it, valued at
    /// their hourly rate. Agreements counting amounts or incidents, or unlimited ones, cannot overrun in hours.
    /// </summary>
    private static IEnumerable<LeakageFact> Overruns(BillingSnapshot snapshot, Func<TimeEntry, string> lineOf)
    {
        var limits = snapshot.Agreements
            .Where(a => a.ApplicationUnits == ApplicationUnits.Hours && a.ApplicationLimit is > 0 && !a.ApplicationUnlimitedFlag)
            .ToDictionary(a => a.Id, a => new Hours(a.ApplicationLimit!.Value));
        var months = snapshot.TimeEntries
            .Where(e => e.AgreementId is { } a && limits.ContainsKey(a))
            .GroupBy(e => (Agreement: e.AgreementId!.Value, Month: new DateOnly(DateOf(e).Year, DateOf(e).Month, 1)));
        foreach (var month in months)
        {
            var used = Hours.Zero;
            var limit = limits[month.Key.Agreement];
            foreach (var entry in month.OrderBy(e => e.TimeStart).ThenBy(e => e.Id))
            {
                var before = used;
                used += entry.ActualHours;
                if (used <= limit)
                {
                    continue;
                }

                var over = used - Hours.Max(before, limit);
                yield return new LeakageFact
                {
                    Id = $"{LeakageFact.AgreementOverrun}:{entry.Id}",
                    Measure = LeakageFact.AgreementOverrun,
                    Date = DateOf(entry),
                    CompanyId = entry.CompanyId,
                    AgreementId = month.Key.Agreement,
                    ServiceLine = lineOf(entry),
                    Amount = (entry.HourlyRate * over).RoundToCents(),
                    Hours = over,
                    TimeEntryIds = [entry.Id],
                };
            }
        }
    }

    private static DateOnly DateOf(TimeEntry entry) => DateOnly.FromDateTime(entry.TimeStart.UtcDateTime);
}
