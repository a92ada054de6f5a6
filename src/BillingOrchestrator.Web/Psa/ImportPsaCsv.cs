using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Sync;
using BillingOrchestrator.Integrations.ConnectWise.Csv;
using BillingOrchestrator.Integrations.ConnectWise.Mapping;
using BillingOrchestrator.Integrations.Import;
using BillingOrchestrator.Persistence.Billing;
using BillingOrchestrator.Web.Commands;
using BillingOrchestrator.Workflows.Runtime;
using Mediator;
using CwInfo = BillingOrchestrator.Integrations.ConnectWise.Model.CwInfo;
using CwReference = BillingOrchestrator.Integrations.ConnectWise.Model.CwReference;

namespace BillingOrchestrator.Web.Psa;

/// <summary>
/// Adds or updates time entries or agreements from a CSV exported from ConnectWise and placed under
/// <c>{DataDirectory}/imports</c>. CSV names companies, members, work types and roles rather than ids, so each name is
/// resolved against the PSA data already stored; any row that does not resolve fails the whole file (all or nothing).
/// A time entry without a "Date Entered" column is taken as entered when its work ended.
/// </summary>
public sealed record ImportPsaCsv(string? File, string? Kind, WorkflowActor Actor) : ICommand<CsvImportSummary>, IAuditedCommand
{
    public static readonly string[] Kinds = ["time-entries", "agreements"];

    public string AuditAction => "psa.import-csv";

    public string? AuditSubject => File is null ? null : $"imports/{File}";

    public IEnumerable<(string Field, string Reason)> Validate()
    {
        if (string.IsNullOrWhiteSpace(File) || File.IndexOfAny(['/', '\\']) >= 0 || File.Contains("..", StringComparison.Ordinal) || File.Length > 100)
        {
            yield return ("file", "required: the name of a CSV file directly under the data directory's imports folder (no paths)");
        }

        if (Kind is null || !Kinds.Contains(Kind))
        {
            yield return ("kind", $"required: one of {string.Join(", ", Kinds)}");
        }
    }
}

public sealed record CsvImportSummary(string File, string Kind, int Imported);

public sealed class ImportPsaCsvHandler(ConnectWiseCsvImporter csv, BillingDataStore data, IPsaRecordStore store, IConfiguration configuration, PsaSyncLog log, TimeProvider time)
    : ICommandHandler<ImportPsaCsv, CsvImportSummary>
{
    public async ValueTask<CsvImportSummary> Handle(ImportPsaCsv command, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Persistence.DependencyInjection.DataDirectory(configuration), "imports", command.File!);
        if (!System.IO.File.Exists(path))
        {
            throw new WorkflowValidationException("file", $"no file '{command.File}' under the data directory's imports folder");
        }

        var started = time.GetUtcNow();
        var names = await NamesAsync(cancellationToken);
        var problems = new List<ImportProblem>();
        IReadOnlyList<PsaRecord> records = command.Kind == "time-entries"
            ? await TimeEntriesAsync(path, command.File!, names, problems, cancellationToken)
            : await AgreementsAsync(path, command.File!, names, problems, cancellationToken);
        if (problems.Count > 0)
        {
            await log.RecordAsync("csv-import", started, time.GetUtcNow(), false, command.Actor.Name, problems, cancellationToken);
            throw new WorkflowValidationException(problems.Select(p => ($"{p.File}:{p.Row}:{p.Field}", p.Reason)).ToList());
        }

        var kind = command.Kind == "time-entries" ? EntityKind.TimeEntry : EntityKind.Agreement;
        await store.UpsertAsync(kind, records, null, $"csv:{command.File}", cancellationToken);
        var summary = new CsvImportSummary(command.File!, command.Kind!, records.Count);
        await log.RecordAsync("csv-import", started, time.GetUtcNow(), true, command.Actor.Name, summary, cancellationToken);
        return summary;
    }

    private async Task<IReadOnlyList<PsaRecord>> TimeEntriesAsync(string path, string file, Names names, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var read = await csv.ReadTimeEntriesAsync(path, cancellationToken);
        if (read.Value is not { } rows)
        {
            problems.AddRange(read.Problems);
            return [];
        }

        var records = new List<PsaRecord>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = i + 2;
            var dto = rows[i] with
            {
                Company = Resolve(rows[i].Company, names.Companies, file, row, "Company", problems),
                Member = Resolve(rows[i].Member, names.Members, file, row, "Member", problems),
                WorkType = Resolve(rows[i].WorkType, names.WorkTypes, file, row, "Work Type", problems),
                WorkRole = Resolve(rows[i].WorkRole, names.WorkRoles, file, row, "Work Role", problems),
                Agreement = Resolve(rows[i].Agreement, names.Agreements, file, row, "Agreement", problems),

                // List-view exports leave these out: such an entry is taken as entered when the work ended, and time
                // without a ticket as charge-code time.
                DateEntered = rows[i].DateEntered ?? rows[i].TimeEnd ?? rows[i].TimeStart,
                ChargeToType = rows[i].ChargeToType ?? (rows[i].Ticket is null && rows[i].ChargeToId is null ? "ChargeCode" : "ServiceTicket"),
            };
            if (ConnectWiseMapper.MapTimeEntry(dto, file, row, problems) is { } entry)
            {
                records.Add(PsaRecords.For(entry, null));
            }
        }

        return records;
    }

    private async Task<IReadOnlyList<PsaRecord>> AgreementsAsync(string path, string file, Names names, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var read = await csv.ReadAgreementsAsync(path, cancellationToken);
        if (read.Value is not { } rows)
        {
            problems.AddRange(read.Problems);
            return [];
        }

        var records = new List<PsaRecord>(rows.Count);
        var importedAt = time.GetUtcNow();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = i + 2;
            var dto = rows[i] with
            {
                // A CSV export has no _info; without a "Last Updated" column the agreement changed as of this import.
                Info = rows[i].Info ?? new CwInfo { LastUpdated = importedAt },
                Company = Resolve(rows[i].Company, names.Companies, file, row, "Company", problems),
                Type = Resolve(rows[i].Type, names.AgreementTypes, file, row, "Agreement Type", problems),
                WorkType = Resolve(rows[i].WorkType, names.WorkTypes, file, row, "Work Type", problems),
                WorkRole = Resolve(rows[i].WorkRole, names.WorkRoles, file, row, "Work Role", problems),
            };

            // CSV carries no rates, exclusions or additions: an agreement already stored keeps its own.
            var stored = await data.FindAsync<Agreement>(EntityKind.Agreement, dto.Id, cancellationToken);
            var parts = stored is null ? AgreementParts.None : new AgreementParts { WorkTypes = stored.WorkTypes, WorkRoles = stored.WorkRoles, WorkTypeExclusions = stored.WorkTypeExclusions, WorkRoleExclusions = stored.WorkRoleExclusions, Additions = stored.Additions };
            if (ConnectWiseMapper.MapAgreement(dto, parts, file, row, problems) is { } agreement)
            {
                records.Add(PsaRecords.For(agreement));
            }
        }

        return records;
    }

    private static CwReference? Resolve(CwReference? reference, IReadOnlyDictionary<string, int> byName, string file, int row, string column, List<ImportProblem> problems)
    {
        if (reference is null || reference.Id > 0)
        {
            return reference;
        }

        foreach (var name in new[] { reference.Identifier, reference.Name })
        {
            if (name is not null && byName.TryGetValue(name.Trim(), out var id))
            {
                return reference with { Id = id };
            }
        }

        problems.Add(new ImportProblem(file, row, column, $"'{reference}' matches no {column.ToLowerInvariant()} in the stored PSA data; import or sync it first"));
        return reference;
    }

    private async Task<Names> NamesAsync(CancellationToken cancellationToken)
    {
        static Dictionary<string, int> Index<T>(IEnumerable<T> items, Func<T, int> id, params Func<T, string?>[] keys)
        {
            var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            foreach (var item in items)
            {
                foreach (var key in keys)
                {
                    if (key(item) is { Length: > 0 } value)
                    {
                        index.TryAdd(value.Trim(), id(item));
                    }
                }
            }

            return index;
        }

        return new Names(
            Index(await data.AllAsync<Company>(EntityKind.Company, cancellationToken), c => c.Id, c => c.Identifier, c => c.Name),
            Index(await data.AllAsync<Member>(EntityKind.Member, cancellationToken), m => m.Id, m => m.Identifier, m => $"{m.FirstName} {m.LastName}"),
            Index(await data.AllAsync<WorkType>(EntityKind.WorkType, cancellationToken), w => w.Id, w => w.Name),
            Index(await data.AllAsync<WorkRole>(EntityKind.WorkRole, cancellationToken), w => w.Id, w => w.Name),
            Index(await data.AllAsync<AgreementType>(EntityKind.AgreementType, cancellationToken), t => t.Id, t => t.Name),
            Index(await data.AllAsync<Agreement>(EntityKind.Agreement, cancellationToken), a => a.Id, a => a.Name));
    }

    private sealed record Names(
        IReadOnlyDictionary<string, int> Companies,
        IReadOnlyDictionary<string, int> Members,
        IReadOnlyDictionary<string, int> WorkTypes,
        IReadOnlyDictionary<string, int> WorkRoles,
        IReadOnlyDictionary<string, int> AgreementTypes,
        IReadOnlyDictionary<string, int> Agreements);
}
