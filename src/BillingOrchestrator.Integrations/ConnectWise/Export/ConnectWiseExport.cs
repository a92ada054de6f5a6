using System.Text.Json;
using BillingOrchestrator.Integrations.ConnectWise.Json;
using BillingOrchestrator.Integrations.ConnectWise.Model;
using BillingOrchestrator.Integrations.Import;

namespace BillingOrchestrator.Integrations.ConnectWise.Export;

/// <summary>
/// Writes and reads an export folder (see <see cref="ConnectWiseExportFiles"/>): the offline form of a ConnectWise site,
/// for users without API keys and for repeatable runs.
/// </summary>
public static class ConnectWiseExport
{
    /// <summary>Writes every file of <paramref name="snapshot"/> into <paramref name="folder"/>, creating it; each file is replaced whole.</summary>
    public static async Task WriteAsync(string folder, ConnectWiseSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(snapshot);
        Directory.CreateDirectory(folder);
        await WriteFileAsync(folder, ConnectWiseExportFiles.Companies, snapshot.Companies, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, ConnectWiseExportFiles.Members, snapshot.Members, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, ConnectWiseExportFiles.WorkTypes, snapshot.WorkTypes, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, ConnectWiseExportFiles.WorkRoles, snapshot.WorkRoles, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, ConnectWiseExportFiles.AgreementTypes, snapshot.AgreementTypes, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, ConnectWiseExportFiles.Agreements, snapshot.Agreements, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, ConnectWiseExportFiles.AgreementAdditions, snapshot.AgreementAdditions, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, ConnectWiseExportFiles.AgreementWorkTypeExclusions, snapshot.AgreementWorkTypeExclusions, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, ConnectWiseExportFiles.AgreementWorkRoleExclusions, snapshot.AgreementWorkRoleExclusions, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, ConnectWiseExportFiles.AgreementWorkTypes, snapshot.AgreementWorkTypes, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, ConnectWiseExportFiles.AgreementWorkRoles, snapshot.AgreementWorkRoles, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, ConnectWiseExportFiles.Tickets, snapshot.Tickets, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, ConnectWiseExportFiles.TimeEntries, snapshot.TimeEntries, cancellationToken).ConfigureAwait(false);
        await WriteFileAsync(folder, ConnectWiseExportFiles.Invoices, snapshot.Invoices, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads and checks every file of <paramref name="folder"/> before returning anything: either the complete snapshot,
    /// or every problem found (file, row, field, reason) and no data.
    /// </summary>
    public static async Task<ImportResult<ConnectWiseSnapshot>> ReadAsync(string folder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var problems = new List<ImportProblem>();
        if (!Directory.Exists(folder))
        {
            return ImportResult<ConnectWiseSnapshot>.Failure([new ImportProblem(folder, 0, "(folder)", "does not exist")]);
        }

        var rows = new ExportRows
        {
            Companies = await ReadFileAsync<Company>(folder, ConnectWiseExportFiles.Companies, true, problems, cancellationToken).ConfigureAwait(false),
            Members = await ReadFileAsync<Member>(folder, ConnectWiseExportFiles.Members, true, problems, cancellationToken).ConfigureAwait(false),
            WorkTypes = await ReadFileAsync<WorkType>(folder, ConnectWiseExportFiles.WorkTypes, true, problems, cancellationToken).ConfigureAwait(false),
            WorkRoles = await ReadFileAsync<WorkRole>(folder, ConnectWiseExportFiles.WorkRoles, true, problems, cancellationToken).ConfigureAwait(false),
            AgreementTypes = await ReadFileAsync<AgreementType>(folder, ConnectWiseExportFiles.AgreementTypes, true, problems, cancellationToken).ConfigureAwait(false),
            Agreements = await ReadFileAsync<Agreement>(folder, ConnectWiseExportFiles.Agreements, true, problems, cancellationToken).ConfigureAwait(false),
            AgreementAdditions = await ReadFileAsync<AgreementAddition>(folder, ConnectWiseExportFiles.AgreementAdditions, true, problems, cancellationToken).ConfigureAwait(false),
            AgreementWorkTypeExclusions = await ReadFileAsync<AgreementWorkTypeExclusion>(folder, ConnectWiseExportFiles.AgreementWorkTypeExclusions, true, problems, cancellationToken).ConfigureAwait(false),
            AgreementWorkRoleExclusions = await ReadFileAsync<AgreementWorkRoleExclusion>(folder, ConnectWiseExportFiles.AgreementWorkRoleExclusions, true, problems, cancellationToken).ConfigureAwait(false),
            AgreementWorkTypes = await ReadFileAsync<AgreementWorkType>(folder, ConnectWiseExportFiles.AgreementWorkTypes, false, problems, cancellationToken).ConfigureAwait(false),
            AgreementWorkRoles = await ReadFileAsync<AgreementWorkRole>(folder, ConnectWiseExportFiles.AgreementWorkRoles, false, problems, cancellationToken).ConfigureAwait(false),
            Tickets = await ReadFileAsync<Ticket>(folder, ConnectWiseExportFiles.Tickets, true, problems, cancellationToken).ConfigureAwait(false),
            TimeEntries = await ReadFileAsync<TimeEntry>(folder, ConnectWiseExportFiles.TimeEntries, true, problems, cancellationToken).ConfigureAwait(false),
            Invoices = await ReadFileAsync<Invoice>(folder, ConnectWiseExportFiles.Invoices, true, problems, cancellationToken).ConfigureAwait(false),
        };

        // References into a file that could not be read completely would only repeat its problems.
        var unreadable = problems.Select(p => p.File).ToHashSet(StringComparer.Ordinal);
        ExportValidator.Validate(rows, unreadable, problems);
        return problems.Count > 0 ? ImportResult<ConnectWiseSnapshot>.Failure(problems) : ImportResult<ConnectWiseSnapshot>.Success(rows.ToSnapshot());
    }

    private static async Task WriteFileAsync<T>(string folder, string file, IReadOnlyList<T> items, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, file);
        var temporary = path + ".tmp";
        await using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 65536, useAsync: true))
        {
            await JsonSerializer.SerializeAsync(stream, items, ConnectWiseJson.Indented, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static async Task<List<Row<T>>> ReadFileAsync<T>(string folder, string file, bool required, List<ImportProblem> problems, CancellationToken cancellationToken)
    {
        var rows = new List<Row<T>>();
        var path = Path.Combine(folder, file);
        if (!File.Exists(path))
        {
            if (required)
            {
                problems.Add(new ImportProblem(file, 0, "(file)", "is missing; an export folder has all twelve files (an empty array [] is fine)"));
            }

            return rows;
        }

        var row = 0;
        try
        {
            await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 65536, useAsync: true);
            await foreach (var element in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, ConnectWiseJson.Options, cancellationToken).ConfigureAwait(false))
            {
                row++;
                if (element.ValueKind != JsonValueKind.Object)
                {
                    problems.Add(new ImportProblem(file, row, "(row)", "must be a JSON object"));
                    continue;
                }

                try
                {
                    rows.Add(new Row<T>(row, element.Deserialize<T>(ConnectWiseJson.Options)!));
                }
                catch (JsonException ex)
                {
                    problems.Add(new ImportProblem(file, row, FieldOf(ex.Path), JsonReason.Describe(ex)));
                }
            }
        }
        catch (JsonException ex)
        {
            var where = ex.LineNumber is { } line ? $" at line {line + 1}" : "";
            var reason = JsonReason.Describe(ex);
            var detail = reason.StartsWith("has the wrong type", StringComparison.Ordinal) ? "" : ": " + reason;
            var failedRow = await RowOfSyntaxErrorAsync(path, cancellationToken).ConfigureAwait(false);
            problems.Add(new ImportProblem(file, failedRow, failedRow == 0 ? "(file)" : "(row)", $"is not a JSON array of objects{where}{detail}"));
        }

        return rows;
    }

    /// <summary>
    /// Which array element a syntax error sits in (0 when the file is not an array at all). The streaming reader reads
    /// ahead, so its own count cannot say; this second pass runs only for a broken file.
    /// </summary>
    private static async Task<int> RowOfSyntaxErrorAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow });
        var started = 0;
        var isArray = false;
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth == 0)
                {
                    isArray = reader.TokenType is JsonTokenType.StartArray or JsonTokenType.EndArray;
                }
                else if (reader.CurrentDepth == 1 && reader.TokenType is not (JsonTokenType.EndObject or JsonTokenType.EndArray))
                {
                    started++;
                }
            }
        }
        catch (JsonException)
        {
            // Expected: this pass exists to find where the reader gives up.
        }

        return isArray ? started : 0;
    }

    private static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "(row)" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
}
