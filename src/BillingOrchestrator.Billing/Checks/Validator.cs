using System.Diagnostics;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Coding;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// Runs pre-invoice validation (playbook step 3): builds the <see cref="CheckContext"/> once, runs every enabled
/// check over it, keeps the findings in scope and orders them deterministically. Pure: reads the snapshot, the
/// catalog and the coding standard, changes nothing.
/// </summary>
public static class Validator
{
    /// <summary>
    /// Validates a snapshot. <paramref name="snapshotHash"/> is the snapshot's <see cref="SnapshotHasher"/> hash when
    /// the caller already has it (a stored snapshot is hashed once); otherwise it is computed here, on a second core
    /// while the checks run.
    /// </summary>
    public static ValidationResult Run(
        BillingSnapshot snapshot,
        AgreementCatalog catalog,
        CodingStandard standard,
        ValidationOptions? options = null,
        ValidationScope? scope = null,
        string? snapshotHash = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(standard);
        options ??= ValidationOptions.Default;
        scope ??= ValidationScope.All;
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException("Invalid validation options: " + string.Join("; ", problems), nameof(options));
        }

        var watch = Stopwatch.StartNew();
        var checks = Enabled(options);
        IReadOnlyList<Finding> findings = [];
        var hash = snapshotHash;
        if (hash is null)
        {
            Parallel.Invoke(
                () => hash = SnapshotHasher.Compute(snapshot),
                () => findings = RunChecks(snapshot, catalog, standard, options, scope, checks));
        }
        else
        {
            findings = RunChecks(snapshot, catalog, standard, options, scope, checks);
        }

        watch.Stop();
        return new ValidationResult
        {
            SnapshotHash = hash!,
            PeriodStart = snapshot.PeriodStart,
            PeriodEnd = snapshot.PeriodEnd,
            Options = options,
            Scope = scope,
            CodingStandardVersion = standard.Version.Number,
            TimeEntriesChecked = snapshot.TimeEntries.Count,
            ChecksRun = [.. checks.Select(c => c.Id)],
            Duration = watch.Elapsed,
            Findings = findings,
            Totals = [.. Enum.GetValues<LeakageKind>().Select(kind => Total(findings, f => f.Category == kind, (count, money) => new CategoryTotal(kind, count, money)))],
            CheckTotals = [.. checks.Select(c => Total(findings, f => f.CheckId == c.Id, (count, money) => new CheckTotal(c.Id, c.Category, count, money)))],
        };
    }

    /// <summary>
    /// Runs checks over a context and returns their findings in the result order; the engine behind <see cref="Run"/>.
    /// The checks are split over two lanes run side by side (the context is read-only, each lane has its own sink);
    /// the final sort makes the order independent of which lane finished first.
    /// </summary>
    public static IReadOnlyList<Finding> RunChecks(CheckContext context, IEnumerable<IBillingCheck> checks, ValidationScope? scope = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(checks);
        var list = checks.ToList();
        var lanes = new[] { new FindingSink(scope), new FindingSink(scope) };
        Parallel.For(0, lanes.Length, lane =>
        {
            for (var k = lane; k < list.Count; k += lanes.Length)
            {
                list[k].Run(context, lanes[lane]);
            }
        });

        Finding[] findings = [.. lanes[0].Findings, .. lanes[1].Findings];
        Array.Sort(findings, FindingOrder.Instance);
        return findings;
    }

    private static IReadOnlyList<Finding> RunChecks(
        BillingSnapshot snapshot, AgreementCatalog catalog, CodingStandard standard, ValidationOptions options, ValidationScope scope, IReadOnlyList<IBillingCheck> checks) =>
        RunChecks(new CheckContext(snapshot, catalog, standard, options), checks, scope);

    private static IReadOnlyList<IBillingCheck> Enabled(ValidationOptions options) =>
        options.Checks is { Count: > 0 } ids ? [.. BillingChecks.All.Where(c => ids.Contains(c.Id))] : BillingChecks.All;

    private static T Total<T>(IReadOnlyList<Finding> findings, Func<Finding, bool> include, Func<int, Money, T> create)
    {
        var count = 0;
        var money = Money.Zero;
        foreach (var finding in findings)
        {
            if (include(finding))
            {
                count++;
                money += finding.AmountAtRisk;
            }
        }

        return create(count, money);
    }

    /// <summary>Check id, company, agreement (none first), then the records in order, then the message: a total order.</summary>
    private sealed class FindingOrder : IComparer<Finding>
    {
        public static FindingOrder Instance { get; } = new();

        public int Compare(Finding? x, Finding? y)
        {
            if (ReferenceEquals(x, y))
            {
                return 0;
            }

            if (x is null || y is null)
            {
                return x is null ? -1 : 1;
            }

            var order = string.CompareOrdinal(x.CheckId, y.CheckId);
            if (order == 0)
            {
                order = x.CompanyId.CompareTo(y.CompanyId);
            }

            if (order == 0)
            {
                order = Nullable.Compare(x.AgreementId, y.AgreementId);
            }

            for (var k = 0; order == 0 && k < Math.Min(x.Records.Count, y.Records.Count); k++)
            {
                order = x.Records[k].Kind.CompareTo(y.Records[k].Kind);
                if (order == 0)
                {
                    order = x.Records[k].Id.CompareTo(y.Records[k].Id);
                }
            }

            if (order == 0)
            {
                order = x.Records.Count.CompareTo(y.Records.Count);
            }

            return order != 0 ? order : string.CompareOrdinal(x.Message, y.Message);
        }
    }
}
