using System.Globalization;
using System.Text;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Catalog;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Coding;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Integrations.ConnectWise.Export;
using BillingOrchestrator.Integrations.ConnectWise.Mapping;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using Microsoft.EntityFrameworkCore;

namespace BillingOrchestrator.Cli;

/// <summary>
/// <c>validate --source FOLDER [--data-dir DIR] [--period 2026-10] [--format json|csv|table] [--out FILE]</c>: runs the
/// pre-invoice checks over a ConnectWise export folder without the server. The agreement catalog and coding standard
/// come from the product's database in <c>--data-dir</c> when it has one; otherwise the default coding standard is used
/// and checks that need catalog rules only see what the agreements themselves say.
/// </summary>
internal static class ValidateCommand
{
    private static readonly string[] Formats = ["json", "csv", "table"];

    public static async Task<int> RunAsync(CliArguments args, TextWriter output, TextWriter progress, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(args.Require("source"));
        var format = args.Get("format") ?? "table";
        if (!Formats.Contains(format))
        {
            throw new CliException($"--format must be one of {string.Join(", ", Formats)}");
        }

        if (!Directory.Exists(source))
        {
            throw new CliException($"--source {source} is not a folder (give a ConnectWise export folder)");
        }

        var (start, end) = Period(args.Get("period"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await progress.WriteLineAsync($"[1/3] reading {source}");
        var read = await ConnectWiseExport.ReadAsync(source, cancellationToken);
        var export = read.Value ?? throw new CliException("the export folder has problems:\n  " + string.Join("\n  ", read.Problems.Take(50)));
        var mapped = ConnectWiseMapper.MapSnapshot(export, null, start ?? DateOnly.MinValue, end ?? DateOnly.MaxValue);
        var snapshot = mapped.Value ?? throw new CliException("the export could not be mapped:\n  " + string.Join("\n  ", mapped.Problems.Take(50)));
        snapshot = InPeriod(snapshot, start, end);

        await progress.WriteLineAsync($"[2/3] loading catalog and coding standard ({clock.Elapsed.TotalSeconds:0.0} s)");
        var (catalog, standard, note) = await RulesAsync(args.Get("data-dir"), cancellationToken);
        if (note is not null)
        {
            await progress.WriteLineAsync($"      note: {note}");
        }

        await progress.WriteLineAsync($"[3/3] checking {snapshot.TimeEntries.Count:N0} time entries ({clock.Elapsed.TotalSeconds:0.0} s)");
        var result = Validator.Run(snapshot, catalog, standard);
        var text = format switch
        {
            "json" => BillingJson.Serialize(result.Findings),
            "csv" => Csv(result),
            _ => Table(result),
        };
        if (args.Get("out") is { } path)
        {
            await File.WriteAllTextAsync(path, text, cancellationToken);
            await output.WriteAsync(Table(result));
        }
        else
        {
            await output.WriteAsync(text);
        }

        await progress.WriteLineAsync($"done in {clock.Elapsed.TotalSeconds:0.0} s");
        return 0;
    }

    private static (DateOnly? Start, DateOnly? End) Period(string? period)
    {
        if (period is null)
        {
            return (null, null);
        }

        if (!DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            throw new CliException("--period must be a month such as 2026-10");
        }

        return (first, first.AddMonths(1).AddDays(-1));
    }

    private static BillingSnapshot InPeriod(BillingSnapshot snapshot, DateOnly? start, DateOnly? end)
    {
        var entries = snapshot.TimeEntries;
        var first = start ?? (entries.Count == 0 ? DateOnly.MinValue : entries.Min(e => DateOnly.FromDateTime(e.TimeStart.UtcDateTime)));
        var last = end ?? (entries.Count == 0 ? DateOnly.MinValue : entries.Max(e => DateOnly.FromDateTime(e.TimeStart.UtcDateTime)));
        return snapshot with
        {
            PeriodStart = first,
            PeriodEnd = last,
            TimeEntries = [.. entries.Where(e => DateOnly.FromDateTime(e.TimeStart.UtcDateTime) is var d && d >= first && d <= last)],
        };
    }

    private static async Task<(AgreementCatalog, CodingStandard, string?)> RulesAsync(string? dataDirectory, CancellationToken cancellationToken)
    {
        var database = dataDirectory is null ? null : Path.Combine(Path.GetFullPath(dataDirectory), "billing.db");
        if (database is null || !File.Exists(database))
        {
            var note = database is null ? "no --data-dir given" : $"no database at {database}";
            return (new AgreementCatalog(), DefaultCodingStandards.Create(DateOnly.MinValue), $"{note}: default coding standard, no catalog rules");
        }

        var options = new DbContextOptionsBuilder<SqliteBillingDbContext>().UseSqlite($"Data Source={database};Mode=ReadOnly").Options;
        await using var db = new SqliteBillingDbContext(options);
        var store = new CatalogStore(db, TimeProvider.System);
        var standard = await store.LatestCodingStandardAsync(cancellationToken) ?? DefaultCodingStandards.Create(DateOnly.MinValue);
        return (await store.LoadCatalogAsync(cancellationToken), standard, null);
    }

    private static string Table(ValidationResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{"category",-26} {"findings",9} {"money at risk",16}");
        foreach (var total in result.Totals)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{BillingJson.Serialize(total.Category).Trim('"'),-26} {total.Count,9} {total.AmountAtRisk.Amount,16:N2}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"{"total",-26} {result.Findings.Count,9} {result.TotalAmountAtRisk.Amount,16:N2}");
        return text.ToString();
    }

    private static string Csv(ValidationResult result)
    {
        var text = new StringBuilder("checkId,category,severity,companyId,agreementId,timeEntryIds,hours,amountAtRisk,message\n");
        foreach (var f in result.Findings)
        {
            text.AppendLine(string.Join(
                ',',
                f.CheckId,
                BillingJson.Serialize(f.Category).Trim('"'),
                f.Severity,
                f.CompanyId.ToString(CultureInfo.InvariantCulture),
                f.AgreementId?.ToString(CultureInfo.InvariantCulture) ?? "",
                string.Join(' ', f.TimeEntryIds),
                BillingJson.Serialize(f.Hours),
                f.AmountAtRisk.Amount.ToString(CultureInfo.InvariantCulture),
                "\"" + f.Message.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        }

        return text.ToString();
    }
}
