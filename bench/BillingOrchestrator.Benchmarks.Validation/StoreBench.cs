using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using BillingOrchestrator.Billing;
using BillingOrchestrator.Billing.Agreements;
using BillingOrchestrator.Billing.Checks;
using BillingOrchestrator.Billing.Demo;
using BillingOrchestrator.Billing.Invoices;
using BillingOrchestrator.Billing.Psa;
using BillingOrchestrator.Billing.Serialization;
using BillingOrchestrator.Billing.Sync;
using BillingOrchestrator.Billing.Tickets;
using BillingOrchestrator.Billing.TimeEntries;
using BillingOrchestrator.Persistence;
using BillingOrchestrator.Persistence.Billing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Benchmarks.Validation;

/// <summary>
/// <c>--store</c>: a whole validation run from the SQLite store, as the product does it, on the scale data set.
/// <list type="number">
/// <item>Setup (timed apart, not part of a run): generate <see cref="DemoDataOptions.Scale"/>, migrate a fresh SQLite
/// file through <c>AddPersistence</c>, store it as <c>DemoDataSeeder</c> does (<see cref="IPsaRecordStore.ReplaceAllAsync"/>,
/// settings, catalog, coding standard).</item>
/// <item>Product runs: each in a new DI scope, the calls <c>ValidationRuns.RunAsync</c> makes:
/// <see cref="BillingDataStore.LoadStoredSnapshotAsync"/> (snapshot and hash in one read), <see cref="CatalogStore.LatestCodingStandardAsync"/>,
/// <see cref="CatalogStore.LoadCatalogAsync"/>, <see cref="Validator.Run"/> with that hash, then the run and its
/// findings written (<see cref="ValidationRunWriter"/>, as the host records them).</item>
/// <item>Baseline runs (the loader before <c>StoredSnapshotReader</c>): the same work with every phase on its own stopwatch: the exact EF query of
/// <c>BillingDataStore.AllAsync</c> (read) apart from the <see cref="BillingJson"/> deserialization, the checks with
/// the hash supplied, <see cref="SnapshotHasher.Compute"/> alone, the write.</item>
/// <item>Components: the one million time entries alone, single-threaded, read and deserialized in different ways.</item>
/// </list>
/// </summary>
internal static class StoreBench
{
    private const double TargetSeconds = 10;

    private static readonly ValidationOptions Options = ValidationOptions.Default with { StaleAfterDays = DemoDataOptions.Scale.StaleAfterDays };

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = Value(args, "--runs") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : 3;
        var keep = Value(args, "--data-dir") is not null;
        var directory = Path.GetFullPath(Value(args, "--data-dir") ?? Path.Combine(Path.GetTempPath(), "bo-validation-store-" + Guid.NewGuid().ToString("N")[..8]));
        var size = args.Contains("--small") ? DemoDataOptions.Default : DemoDataOptions.Scale;
        var ct = CancellationToken.None;
        Machine();
        Line($"data directory {directory}{(keep ? " (kept)" : " (deleted at the end)")}");

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["DataDirectory"] = directory, ["Database:Migrate"] = "false" })
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddPersistence(configuration);
        var provider = services.BuildServiceProvider();
        try
        {
            await using (var scope = provider.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<BillingDbContext>().Database.MigrateAsync(ct);
            }

            await using (var scope = provider.CreateAsyncScope())
            {
                var counts = await scope.ServiceProvider.GetRequiredService<BillingDataStore>().CountsAsync(ct);
                if (counts.Count == 0)
                {
                    await LoadAsync(provider, size, ct);
                }
                else
                {
                    Line($"reusing the stored data: {string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value:N0}"))}");
                }
            }

            Files(directory);
            Memory.Settle();
            Line($"resident after setup and a full GC: {Mb(Memory.CurrentBytes())}; peak reset per run: {Memory.ResetPeak()}");
            Line("");

            // One run of each kind per round, so drift on a shared machine hits both alike.
            var product = new List<ProductRun>();
            var breakdown = new List<BreakdownRun>();
            for (var i = 1; i <= runs; i++)
            {
                var run = await ProductRunAsync(provider, ct);
                product.Add(run);
                Line($"product run {i}: total {S(run.Total)} = snapshot {S(run.Snapshot)} + coding standard {S(run.Standard)} + catalog {S(run.Catalog)} + Validator.Run {S(run.Validate)} + write {S(run.Write)}; " +
                     $"peak {Mb(run.Peak)} (resident at start {Mb(run.Resident)}); allocated {Mb(run.Allocated)}; GC pauses {S(run.GcPause)} (loading {S(run.SnapshotGcPause)}, Validator.Run {S(run.ValidateGcPause)}), {run.Gen2} gen2 GCs; {run.Findings.Count} findings");

                var parts = await BreakdownRunAsync(provider, ct);
                breakdown.Add(parts);
                Line($"breakdown run {i}: read {S(parts.Read)} (time entries {S(parts.ReadEntries)}) + deserialize {S(parts.Deserialize)} (time entries {S(parts.DeserializeEntries)}) + " +
                     $"coding standard and catalog {S(parts.Rules)} + hash {S(parts.Hashing)} + checks {S(parts.Checks)} + write {S(parts.Write)} = {S(parts.Sum)}; peak {Mb(parts.Peak)} (resident at start {Mb(parts.Resident)}); GC pauses {S(parts.GcPause)}");

            }

            await ComponentsAsync(provider, ct);

            var sameHash = product.Concat<IRun>(breakdown).Select(x => x.Hash).Distinct().Count() == 1;
            var sameFindings = product.Concat<IRun>(breakdown).All(x => x.Findings.SequenceEqual(product[0].Findings));
            Line("");
            Line($"every run: same snapshot hash {sameHash} ({product[0].Hash[..16]}…), same findings {sameFindings} ({product[0].Findings.Count})");
            Summary(product, breakdown);
            return sameHash && sameFindings ? 0 : 1;
        }
        finally
        {
            await provider.DisposeAsync();
            SqliteConnection.ClearAllPools();
            if (!keep)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private interface IRun
    {
        string Hash { get; }

        IReadOnlyList<string> Findings { get; }
    }

    /// <summary>Stores the scale data set as <c>DemoDataSeeder</c> stores the demo one; every step timed.</summary>
    private static async Task LoadAsync(IServiceProvider provider, DemoDataOptions size, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var set = DemoDataGenerator.Generate(size);
        var generate = watch.Elapsed;
        watch.Restart();
        var records = PsaRecords.From(set.Snapshot);
        var serialize = watch.Elapsed;
        var jsonBytes = records.Sum(x => (long)System.Text.Encoding.UTF8.GetByteCount(x.DataJson));
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        watch.Restart();
        await sp.GetRequiredService<IPsaRecordStore>().ReplaceAllAsync(records, "demo", ct);
        var insert = watch.Elapsed;
        watch.Restart();
        await sp.GetRequiredService<BillingDataStore>().SetSettingsAsync(
            new Dictionary<string, string>
            {
                [BillingDataStore.OwnCompanySetting] = set.Snapshot.OwnCompanyId.ToString(CultureInfo.InvariantCulture),
                [BillingDataStore.PeriodStartSetting] = set.Snapshot.PeriodStart.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                [BillingDataStore.PeriodEndSetting] = set.Snapshot.PeriodEnd.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
            ct);
        var catalogs = sp.GetRequiredService<CatalogStore>();
        foreach (var typeId in set.Catalog.RuleSets.Select(x => x.AgreementTypeId).Distinct())
        {
            await catalogs.SaveRuleSetsAsync(set.Catalog, typeId, ct);
        }

        foreach (var agreementId in set.Catalog.Overrides.Select(o => o.AgreementId).Distinct())
        {
            await catalogs.SaveOverridesAsync(set.Catalog, agreementId, ct);
        }

        foreach (var (agreementId, owner) in set.Catalog.Owners)
        {
            await catalogs.SaveOwnerAsync(agreementId, owner, "demo", ct);
        }

        await catalogs.SaveCodingStandardAsync(set.CodingStandard, ct);
        var rules = watch.Elapsed;
        Line($"scale data: {set.Snapshot.TimeEntries.Count:N0} time entries, {set.Snapshot.Agreements.Count:N0} agreements, {set.Snapshot.Tickets.Count:N0} tickets, {set.Snapshot.Invoices.Count:N0} invoices; " +
             $"{records.Count:N0} PSA records, {jsonBytes / 1e6:N0} MB of JSON; catalog {set.Catalog.RuleSets.Count()} rule sets, {set.Catalog.Overrides.Count()} overrides, {set.Catalog.Owners.Count} owners");
        Line($"setup (not measured as a run): generate {S(generate)}; PsaRecords.From {S(serialize)}; IPsaRecordStore.ReplaceAllAsync {S(insert)}; settings, catalog and coding standard {S(rules)}");
    }

    private sealed record ProductRun(long Resident, TimeSpan Snapshot, TimeSpan Standard, TimeSpan Catalog, TimeSpan Validate, TimeSpan Write, TimeSpan Total, long Peak, long Allocated, TimeSpan GcPause, TimeSpan SnapshotGcPause, TimeSpan ValidateGcPause, int Gen2, string Hash, IReadOnlyList<string> Findings) : IRun;

    /// <summary>One run exactly as <c>ValidationRuns.RunAsync</c> makes it (no run id, all checks, whole scope).</summary>
    private static async Task<ProductRun> ProductRunAsync(IServiceProvider provider, CancellationToken ct)
    {
        var meter = await Meter.StartAsync();
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var data = sp.GetRequiredService<BillingDataStore>();
        var catalogs = sp.GetRequiredService<CatalogStore>();
        var gen2 = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        var watch = Stopwatch.StartNew();
        var stored = await data.LoadStoredSnapshotAsync(ct) ?? throw new InvalidOperationException("No PSA data stored.");
        var tSnapshot = Lap(watch);
        var snapshotPause = GC.GetTotalPauseDuration() - paused;
        var standard = await catalogs.LatestCodingStandardAsync(ct) ?? throw new InvalidOperationException("No coding standard stored.");
        var tStandard = Lap(watch);
        var startedAt = TimeProvider.System.GetUtcNow();
        var catalog = await catalogs.LoadCatalogAsync(ct);
        var tCatalog = Lap(watch);
        paused = GC.GetTotalPauseDuration();
        var result = Validator.Run(stored.Snapshot, catalog, standard, Options, ValidationScope.All, stored.Hash);
        var tValidate = Lap(watch);
        var validatePause = GC.GetTotalPauseDuration() - paused;
        await ValidationRunWriter.WriteAsync(sp.GetRequiredService<BillingDbContext>(), Guid.CreateVersion7().ToString("N"), result, startedAt, "bench", ct);
        var tWrite = Lap(watch);
        return new(meter.Resident, tSnapshot, tStandard, tCatalog, tValidate, tWrite, tSnapshot + tStandard + tCatalog + tValidate + tWrite, meter.Peak, meter.Allocated, meter.GcPause,
            snapshotPause, validatePause, GC.CollectionCount(2) - gen2, result.SnapshotHash, Findings(result));
    }

    private sealed record BreakdownRun(long Resident, TimeSpan Read, TimeSpan ReadEntries, TimeSpan Deserialize, TimeSpan DeserializeEntries, TimeSpan Rules, TimeSpan Checks, TimeSpan Hashing, TimeSpan Write, long Peak, TimeSpan GcPause, string Hash, IReadOnlyList<string> Findings) : IRun
    {
        public TimeSpan Sum => Read + Deserialize + Rules + Checks + Hashing + Write;
    }

    /// <summary>The product run with each phase apart: <c>LoadSnapshotAsync</c> replayed query by query.</summary>
    private static async Task<BreakdownRun> BreakdownRunAsync(IServiceProvider provider, CancellationToken ct)
    {
        var meter = await Meter.StartAsync();
        await using var scope = provider.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<BillingDbContext>();
        var catalogs = sp.GetRequiredService<CatalogStore>();
        var clock = new LoadClock();
        var watch = Stopwatch.StartNew();
        var settings = await db.Set<BillingSettingRow>().AsNoTracking().ToDictionaryAsync(s => s.Key, s => s.Value, ct);
        clock.Read += Lap(watch);
        var snapshot = new BillingSnapshot
        {
            OwnCompanyId = int.Parse(settings[BillingDataStore.OwnCompanySetting], CultureInfo.InvariantCulture),
            PeriodStart = DateOnly.Parse(settings[BillingDataStore.PeriodStartSetting], CultureInfo.InvariantCulture),
            PeriodEnd = DateOnly.Parse(settings[BillingDataStore.PeriodEndSetting], CultureInfo.InvariantCulture),
            TimeEntries = await AllAsync<TimeEntry>(db, EntityKind.TimeEntry, clock, ct),
        };
        (var readEntries, var deserializeEntries) = (clock.Read, clock.Deserialize);
        snapshot = snapshot with
        {
            Companies = await AllAsync<Company>(db, EntityKind.Company, clock, ct),
            Members = await AllAsync<Member>(db, EntityKind.Member, clock, ct),
            WorkTypes = await AllAsync<WorkType>(db, EntityKind.WorkType, clock, ct),
            WorkRoles = await AllAsync<WorkRole>(db, EntityKind.WorkRole, clock, ct),
            AgreementTypes = await AllAsync<AgreementType>(db, EntityKind.AgreementType, clock, ct),
            Agreements = await AllAsync<Agreement>(db, EntityKind.Agreement, clock, ct),
            Tickets = await AllAsync<ServiceTicket>(db, EntityKind.ServiceTicket, clock, ct),
            Invoices = await AllAsync<Invoice>(db, EntityKind.Invoice, clock, ct),
        };
        watch.Restart();
        var standard = await catalogs.LatestCodingStandardAsync(ct) ?? throw new InvalidOperationException("No coding standard stored.");
        var startedAt = TimeProvider.System.GetUtcNow();
        var catalog = await catalogs.LoadCatalogAsync(ct);
        var tRules = Lap(watch);
        var hash = SnapshotHasher.Compute(snapshot);
        var tHash = Lap(watch);
        var result = Validator.Run(snapshot, catalog, standard, Options, ValidationScope.All, hash);
        var tChecks = Lap(watch);
        await ValidationRunWriter.WriteAsync(db, Guid.CreateVersion7().ToString("N"), result, startedAt, "bench", ct);
        var tWrite = Lap(watch);
        return new(meter.Resident, clock.Read, readEntries, clock.Deserialize, deserializeEntries, tRules, tChecks, tHash, tWrite, meter.Peak, meter.GcPause, hash, Findings(result));
    }

    private sealed class LoadClock
    {
        public TimeSpan Read { get; set; }

        public TimeSpan Deserialize { get; set; }
    }

    /// <summary><c>BillingDataStore.AllAsync</c>, with the query and the deserialization timed apart.</summary>
    private static async Task<IReadOnlyList<T>> AllAsync<T>(BillingDbContext db, EntityKind kind, LoadClock clock, CancellationToken ct)
    {
        var entity = kind.ToString();
        var watch = Stopwatch.StartNew();
        var rows = await db.Set<PsaRecordRow>().AsNoTracking().Where(r => r.Entity == entity).OrderBy(r => r.Id).Select(r => r.DataJson).ToListAsync(ct);
        clock.Read += Lap(watch);
        var items = rows.Select(BillingJson.Deserialize<T>).ToList();
        clock.Deserialize += Lap(watch);
        return items;
    }

    /// <summary>The million time entries alone, single-threaded: how they are read and how they are deserialized.</summary>
    private static async Task ComponentsAsync(IServiceProvider provider, CancellationToken ct)
    {
        Memory.Settle();
        await using var scope = provider.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BillingDbContext>();
        var entity = nameof(EntityKind.TimeEntry);
        var watch = Stopwatch.StartNew();
        var strings = await db.Set<PsaRecordRow>().AsNoTracking().Where(r => r.Entity == entity).OrderBy(r => r.Id).Select(r => r.DataJson).ToListAsync(ct);
        var tEf = Lap(watch);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        List<byte[]> utf8;
        TimeSpan tAdoStrings, tAdoBytes, tStep;
        try
        {
            _ = Query(connection, entity, r => r.GetString(0)).Count;
            tAdoStrings = Lap(watch);
            utf8 = Query(connection, entity, r => r.GetFieldValue<byte[]>(0));
            tAdoBytes = Lap(watch);
            _ = Query(connection, entity, r => r.IsDBNull(0)).Count;
            tStep = Lap(watch);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var info = (System.Text.Json.Serialization.Metadata.JsonTypeInfo<TimeEntry>)BillingJson.Options.GetTypeInfo(typeof(TimeEntry));
        var (tFromStrings, allocStrings) = Deserialize(() => strings.Select(BillingJson.Deserialize<TimeEntry>).ToList().Count);
        var (tFromBytes, allocBytes) = Deserialize(() => utf8.Select(b => JsonSerializer.Deserialize(b, info)!).ToList().Count);
        Line($"components, {strings.Count:N0} time entries ({utf8.Sum(b => (long)b.Length) / 1e6:N0} MB as UTF-8, {strings.Sum(x => (long)x.Length) * 2 / 1e6:N0} MB as .NET strings), one thread:");
        Line($"  read: EF query to strings (the product's) {S(tEf)}; ADO GetString {S(tAdoStrings)}; ADO UTF-8 bytes {S(tAdoBytes)}; SQLite stepping alone {S(tStep)}");
        Line($"  deserialize: from strings (the product's) {S(tFromStrings)}, allocating {Mb(allocStrings)}; from the UTF-8 bytes {S(tFromBytes)}, allocating {Mb(allocBytes)}");
    }

    private static (TimeSpan Time, long Allocated) Deserialize(Func<int> run)
    {
        Memory.Settle();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        _ = run();
        return (watch.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    private static List<T> Query<T>(SqliteConnection connection, string entity, Func<SqliteDataReader, T> read)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data_json FROM psa_records WHERE entity = $entity ORDER BY id";
        command.Parameters.AddWithValue("$entity", entity);
        using var reader = command.ExecuteReader();
        var items = new List<T>();
        while (reader.Read())
        {
            items.Add(read(reader));
        }

        return items;
    }

    private static void Summary(List<ProductRun> product, List<BreakdownRun> breakdown)
    {
        Line("");
        Line("| Whole run (median of " + product.Count + ") | Product: `ValidationRuns` (UTF-8 rows, parallel deserialization, hash from the rows) | Baseline: EF strings, one thread, hash re-serialized (the loader before) |");
        Line("|---|---:|---:|");
        Line($"| Read PSA records + deserialize | {S(Median(product, x => x.Snapshot))} (overlapped, hash included) | {S(Median(breakdown, x => x.Read))} + {S(Median(breakdown, x => x.Deserialize))} |");
        Line($"| Coding standard + catalog | {S(Median(product, x => x.Standard + x.Catalog))} | {S(Median(breakdown, x => x.Rules))} |");
        Line($"| Checks | {S(Median(product, x => x.Validate))} | {S(Median(breakdown, x => x.Checks))} |");
        Line($"| Snapshot hash | (inside the load) | {S(Median(breakdown, x => x.Hashing))} |");
        Line($"| Write run + findings | {S(Median(product, x => x.Write))} | {S(Median(breakdown, x => x.Write))} |");
        Line($"| **Total** | **{S(Median(product, x => x.Total))}** ({string.Join(", ", product.Select(x => S(x.Total)))}) | {S(Median(breakdown, x => x.Sum))} |");
        Line($"| Peak working set | {Mb(product.Max(x => x.Peak))} | {Mb(breakdown.Max(x => x.Peak))} |");
        Line($"| GC pauses | {S(Median(product, x => x.GcPause))} | {S(Median(breakdown, x => x.GcPause))} |");
        Line($"speed-up of the product over the baseline: {Median(breakdown, x => x.Sum) / Median(product, x => x.Total):0.00}x");
        var verdict = Median(product, x => x.Total).TotalSeconds < TargetSeconds ? "under" : "OVER";
        Line("");
        Line($"target: a whole run from the store in under {TargetSeconds:0} s; the product's median run is {S(Median(product, x => x.Total))}: {verdict}");
    }

    private static TimeSpan Median<T>(IEnumerable<T> runs, Func<T, TimeSpan> pick)
    {
        var sorted = runs.Select(pick).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static IReadOnlyList<string> Findings(ValidationResult result) => [.. result.Findings.Select(BillingJson.Serialize)];

    private static TimeSpan Lap(Stopwatch watch)
    {
        var elapsed = watch.Elapsed;
        watch.Restart();
        return elapsed;
    }

    private static void Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var load = File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";
        Line($"machine: {Environment.ProcessorCount} cores ({cpu ?? "unknown CPU"}), {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9:0.0} GB RAM, {RuntimeInformation.OSDescription}, " +
             $"{RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC ({(GCSettings.LatencyMode == GCLatencyMode.Batch ? "non-concurrent" : "concurrent")}); load average {load}");
    }

    private static void Files(string directory)
    {
        var sizes = Directory.GetFiles(directory, "billing.db*").Order(StringComparer.Ordinal).Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / 1e6:N0} MB");
        Line("database files: " + string.Join(", ", sizes) + " (in the OS page cache: the runs read warm)");
    }

    private static string? Value(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    private static string S(TimeSpan t) => t.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    private static string Mb(long bytes) => (bytes / 1e6).ToString("N0", CultureInfo.InvariantCulture) + " MB";

    private static void Line(string text) => Console.WriteLine(text);

    /// <summary>Peak working set, allocation and GC pause time of one run, from a settled heap and a reset peak.</summary>
    private sealed class Meter
    {
        private readonly long _allocated;
        private readonly TimeSpan _paused;

        private Meter()
        {
            Memory.Settle();
            Memory.ResetPeak();
            Resident = Memory.CurrentBytes();
            _allocated = GC.GetTotalAllocatedBytes(precise: true);
            _paused = GC.GetTotalPauseDuration();
        }

        /// <summary>
        /// Starts measuring from a clean heap. First every thread-pool thread is given new work: without that, the
        /// previous run's snapshot (~570 MB) sometimes survived the full GC here, and a heap dump taken a moment later
        /// showed it unreachable; the likeliest holder is an idle worker's reference to the last work item it ran (the
        /// completed load task, whose result is the snapshot). Flushing the workers made it go away every time.
        /// </summary>
        public static async Task<Meter> StartAsync()
        {
            for (var round = 0; round < 4; round++)
            {
                await Task.WhenAll(Enumerable.Range(0, 4 * Environment.ProcessorCount).Select(_ => Task.Run(() => Thread.SpinWait(10_000))));
            }

            await Task.Yield();
            return new Meter();
        }

        /// <summary>Resident size when the run started (after the full GC).</summary>
        public long Resident { get; }

        public long Peak => Memory.PeakBytes();

        public long Allocated => GC.GetTotalAllocatedBytes(precise: true) - _allocated;

        public TimeSpan GcPause => GC.GetTotalPauseDuration() - _paused;
    }
}
