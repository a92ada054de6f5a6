using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.TimeEntries;

namespace BillingOrchestrator.Billing.Kpis;

/// <summary>
/// Computes the playbook KPIs from a snapshot and the confirmed findings of its validation. Pure: the same inputs
/// always give the same report. Definitions are written down in docs/kpis.md.
/// </summary>
public static class KpiCalculator
{
    /// <summary>Finding categories that are labour delivered and not billed (duplicates overbill; drift is fees and additions).</summary>
    public static IReadOnlyList<LeakageKind> LabourCategories { get; } =
    [
        LeakageKind.MissingTime,
        LeakageKind.OutOfScopeLabor,
        LeakageKind.AgreementMismatch,
        LeakageKind.UnbilledOverage,
        LeakageKind.RateNotApplied,
        LeakageKind.StaleUnbilled,
    ];

    public static KpiReport Compute(BillingSnapshot snapshot, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(findings);
        return new KpiReport
        {
            PeriodStart = snapshot.PeriodStart,
            PeriodEnd = snapshot.PeriodEnd,
            InvoiceErrorRate = ErrorRate(snapshot, findings),
            UnbilledLabour = Unbilled(findings),
            GrossMargin = Margins(snapshot),
        };
    }

    private static bool InPeriod(BillingSnapshot snapshot, DateOnly date) => date >= snapshot.PeriodStart && date <= snapshot.PeriodEnd;

    private static DateOnly DateOf(TimeEntry entry) => DateOnly.FromDateTime(entry.TimeStart.UtcDateTime);

    private static InvoiceErrorRate ErrorRate(BillingSnapshot snapshot, IReadOnlyList<Finding> findings)
    {
        var invoicesInPeriod = snapshot.Invoices.Where(i => InPeriod(snapshot, i.Date)).Select(i => i.Id).ToHashSet();
        var invoiceOfEntry = snapshot.TimeEntries.Where(e => e.InvoiceId is not null).ToDictionary(e => e.Id, e => e.InvoiceId!.Value);
        var named = new HashSet<int>();
        foreach (var finding in findings)
        {
            foreach (var record in finding.Records)
            {
                if (record.Kind == EntityKind.Invoice)
                {
                    named.Add(record.Id);
                }
                else if (record.Kind == EntityKind.TimeEntry && invoiceOfEntry.TryGetValue(record.Id, out var invoice))
                {
                    named.Add(invoice);
                }
            }

            foreach (var entry in finding.TimeEntryIds)
            {
                if (invoiceOfEntry.TryGetValue(entry, out var invoice))
                {
                    named.Add(invoice);
                }
            }
        }

        named.IntersectWith(invoicesInPeriod);
        var rate = invoicesInPeriod.Count == 0 ? (decimal?)null : Math.Round((decimal)named.Count / invoicesInPeriod.Count, 6, MidpointRounding.ToEven);
        return new InvoiceErrorRate(invoicesInPeriod.Count, named.Count, rate, [.. named.Order()]);
    }

    private static UnbilledLabour Unbilled(IReadOnlyList<Finding> findings)
    {
        var byCategory = LabourCategories
            .Select(category =>
            {
                var matching = findings.Where(f => f.Category == category).ToList();
                return new CategoryAmount(category, matching.Count, matching.Aggregate(Money.Zero, (sum, f) => sum + f.AmountAtRisk));
            })
            .ToList();
        return new UnbilledLabour(byCategory.Aggregate(Money.Zero, (sum, c) => sum + c.Amount), byCategory);
    }

    private static GrossMargins Margins(BillingSnapshot snapshot)
    {
        var agreements = snapshot.Agreements.ToDictionary(a => a.Id);
        var revenue = Revenue(snapshot, agreements);
        var (labour, hours) = Labour(snapshot);
        var companies = snapshot.Companies.ToDictionary(c => c.Id, c => c.Name);
        var types = snapshot.AgreementTypes.ToDictionary(t => t.Id, t => t.Name);
        var byAgreement = snapshot.Agreements
            .Where(a => revenue.ContainsKey(a.Id) || labour.ContainsKey(a.Id) || AdditionCost(snapshot, a) > Money.Zero)
            .Select(a => MarginLine.Of(
                a.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                a.Name,
                revenue.GetValueOrDefault(a.Id),
                labour.GetValueOrDefault(a.Id),
                AdditionCost(snapshot, a),
                hours.GetValueOrDefault(a.Id)))
            .ToList();
        var byCustomer = byAgreement
            .GroupBy(line => agreements[int.Parse(line.Key, System.Globalization.CultureInfo.InvariantCulture)].CompanyId)
            .OrderBy(g => g.Key)
            .Select(g => MarginLine.Sum(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), companies.GetValueOrDefault(g.Key, $"Company {g.Key}"), g))
            .ToList();
        var byServiceLine = byAgreement
            .GroupBy(line => agreements[int.Parse(line.Key, System.Globalization.CultureInfo.InvariantCulture)].TypeId)
            .OrderBy(g => g.Key)
            .Select(g => MarginLine.Sum(g.Key.ToString(System.Globalization.CultureInfo.InvariantCulture), types.GetValueOrDefault(g.Key, $"Agreement type {g.Key}"), g))
            .ToList();
        return new GrossMargins(MarginLine.Sum("all", "All agreements", byAgreement), byAgreement, byCustomer, byServiceLine);
    }

    /// <summary>Invoice lines dated in the period that bill an agreement: its fee, its additions, or time charged to it.</summary>
    private static Dictionary<int, Money> Revenue(BillingSnapshot snapshot, Dictionary<int, Agreement> agreements)
    {
        var agreementOfAddition = snapshot.Agreements.SelectMany(a => a.Additions).ToDictionary(a => a.Id, a => a.AgreementId);
        var agreementOfEntry = snapshot.TimeEntries.Where(e => e.AgreementId is not null).ToDictionary(e => e.Id, e => e.AgreementId!.Value);
        var revenue = new Dictionary<int, Money>();
        foreach (var invoice in snapshot.Invoices.Where(i => InPeriod(snapshot, i.Date)))
        {
            foreach (var line in invoice.Lines)
            {
                int? agreement = line.Source switch
                {
                    { Kind: EntityKind.Agreement } s => s.Id,
                    { Kind: EntityKind.AgreementAddition } s when agreementOfAddition.TryGetValue(s.Id, out var a) => a,
                    { Kind: EntityKind.TimeEntry } s when agreementOfEntry.TryGetValue(s.Id, out var a) => a,
                    _ => invoice.Type == InvoiceType.Agreement ? invoice.AgreementId : null,
                };
                if (agreement is { } id && agreements.ContainsKey(id))
                {
                    revenue[id] = revenue.GetValueOrDefault(id) + line.Amount;
                }
            }
        }

        return revenue;
    }

    /// <summary>Hours worked on each agreement in the period at the technician's hourly cost times the work type's cost multiplier.</summary>
    private static (Dictionary<int, Money> Cost, Dictionary<int, Hours> Hours) Labour(BillingSnapshot snapshot)
    {
        var members = snapshot.Members.ToDictionary(m => m.Id);
        var workTypes = snapshot.WorkTypes.ToDictionary(w => w.Id);
        var cost = new Dictionary<int, Money>();
        var hours = new Dictionary<int, Hours>();
        foreach (var entry in snapshot.TimeEntries)
        {
            if (entry.AgreementId is not { } agreement || !InPeriod(snapshot, DateOf(entry)))
            {
                continue;
            }

            var hourlyCost = members.TryGetValue(entry.MemberId, out var member) ? member.HourlyCost : Money.Zero;
            var multiplier = workTypes.TryGetValue(entry.WorkTypeId, out var workType) ? workType.CostMultiplier : 1m;
            cost[agreement] = cost.GetValueOrDefault(agreement) + (hourlyCost * entry.ActualHours * multiplier).RoundToCents();
            hours[agreement] = hours.GetValueOrDefault(agreement) + entry.ActualHours;
        }

        return (cost, hours);
    }

    /// <summary>The unit cost of every addition in force on each first of a month in the period while the agreement is in term.</summary>
    private static Money AdditionCost(BillingSnapshot snapshot, Agreement agreement)
    {
        var total = Money.Zero;
        for (var month = FirstMonthStart(snapshot.PeriodStart); month <= snapshot.PeriodEnd; month = month.AddMonths(1))
        {
            if (!agreement.IsInTerm(month))
            {
                continue;
            }

            foreach (var addition in agreement.Additions)
            {
                if ((addition.EffectiveDate is not { } from || from <= month) && (addition.CancelledDate is not { } cancelled || cancelled > month))
                {
                    total += addition.ExtCost;
                }
            }
        }

        return total;
    }

    private static DateOnly FirstMonthStart(DateOnly start) => start.Day == 1 ? start : new DateOnly(start.Year, start.Month, 1).AddMonths(1);
}
