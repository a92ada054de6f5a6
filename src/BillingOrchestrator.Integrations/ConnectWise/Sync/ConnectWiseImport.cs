using BillingOrchestrator.Billing.Sync;
using BillingOrchestrator.Integrations.ConnectWise.Export;
using BillingOrchestrator.Integrations.ConnectWise.Mapping;
using BillingOrchestrator.Integrations.Import;
using Microsoft.Extensions.Logging;

namespace BillingOrchestrator.Integrations.ConnectWise.Sync;

/// <summary>
/// Replaces everything in the <see cref="IPsaRecordStore"/> with an export folder (see <see cref="ConnectWiseExport"/>),
/// all or nothing: the folder is read and checked, every record mapped to the domain, and only when nothing at all is
/// wrong are the records handed to <see cref="IPsaRecordStore.ReplaceAllAsync"/> in one call. Otherwise the store is
/// not touched and the result lists every problem by file, row and field.
/// <para>
/// CSV files are not imported here: their references are names, not ids, the store contract offers no way to look
/// records up to resolve them, and the CSV files carry no companies, members, work types or roles, which replacing
/// everything would wipe out.
/// </para>
/// </summary>
public sealed partial class ConnectWiseImport
{
    /// <summary>The <c>source</c> label prefix; the folder's full path follows it.</summary>
    public const string SourcePrefix = "connectwise-export:";

    private readonly IPsaRecordStore store;
    private readonly ILogger<ConnectWiseImport> logger;

    public ConnectWiseImport(IPsaRecordStore store, ILogger<ConnectWiseImport> logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        this.store = store;
        this.logger = logger;
    }

    public async Task<ImportResult<ConnectWiseImportSummary>> ImportFolderAsync(string folder, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        var read = await ConnectWiseExport.ReadAsync(folder, cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return Refuse(folder, read.Problems);
        }

        var problems = new List<ImportProblem>();
        var snapshot = ConnectWiseMapper.MapAll(read.Value, problems);
        if (problems.Count > 0)
        {
            return Refuse(folder, problems);
        }

        var records = ConnectWiseMapper.ToRecords(snapshot, read.Value);
        var source = SourcePrefix + Path.GetFullPath(folder);
        await store.ReplaceAllAsync(records, source, cancellationToken).ConfigureAwait(false);
        var summary = new ConnectWiseImportSummary(source, records.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count()));
        LogImported(logger, summary.Total, source);
        return ImportResult<ConnectWiseImportSummary>.Success(summary);
    }

    private ImportResult<ConnectWiseImportSummary> Refuse(string folder, IReadOnlyList<ImportProblem> problems)
    {
        LogRefused(logger, folder, problems.Count);
        return ImportResult<ConnectWiseImportSummary>.Failure(problems);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Imported {Count} ConnectWise records from {Source}; they replace everything stored before")]
    private static partial void LogImported(ILogger logger, int count, string source);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "ConnectWise export folder {Folder} refused with {Count} problem(s); nothing was stored")]
    private static partial void LogRefused(ILogger logger, string folder, int count);
}
