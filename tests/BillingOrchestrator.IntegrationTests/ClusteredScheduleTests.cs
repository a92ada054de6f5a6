using System.Diagnostics;
using System.Globalization;
using System.Net;
using BillingOrchestrator.IntegrationTests.Operations;
using BillingOrchestrator.Testing;

namespace BillingOrchestrator.IntegrationTests;

/// <summary>
/// Three real product hosts (BillingOrchestrator.Web as child processes) on one PostgreSQL share a schedule through
/// Quartz's clustered job store. One host is killed with SIGKILL while the schedule keeps firing and is started again:
/// every period of the schedule starts exactly one instance, none is skipped and none runs twice.
/// </summary>
[Collection(Workers.Collection)]
public sealed class ClusteredScheduleTests
{
    private const int EverySeconds = 2;

    [Fact]
    public async Task ThreeHostsOneSchedule_OneKilledAndRestarted_EachPeriodStartsExactlyOneInstance()
    {
        await using var database = await TestDatabase.CreateAsync(TestDatabaseKind.Postgres);
        var workflows = OperationsWorkflows.Directory();

        // One after the other: the first host migrates the database and creates the Quartz tables.
        var hosts = new List<ProductNode>();
        var everyHost = new List<ProductNode>();
        try
        {
            foreach (var name in new[] { "node-a", "node-b", "node-c" })
            {
                hosts.Add(await ProductNode.StartAsync(name, database, workflows));
                everyHost.Add(hosts[^1]);
            }

            await using var probe = await Workers.OpenAsync(database);
            await Eventually.ReturnsAsync(() => FiringsAsync(probe), n => n >= 4, "the schedule to fire on the cluster", TimeSpan.FromSeconds(60));

            hosts[1].Kill();
            var atKill = await FiringsAsync(probe);
            await Eventually.ReturnsAsync(() => FiringsAsync(probe), n => n >= atKill + 6, "the two remaining hosts to keep firing", TimeSpan.FromSeconds(90));

            hosts[1] = await ProductNode.StartAsync("node-b", database, workflows);
            everyHost.Add(hosts[1]);
            var atRestart = await FiringsAsync(probe);
            await Eventually.ReturnsAsync(() => FiringsAsync(probe), n => n >= atRestart + 4, "the cluster to keep firing with the restarted host", TimeSpan.FromSeconds(60));
        }
        finally
        {
            foreach (var host in hosts)
            {
                host.Kill();
            }
        }

        await using var connection = await Workers.OpenAsync(database);
        var perPeriod = await Workers.QueryAsync(
            connection,
            $"SELECT correlation_id, COUNT(*) FROM wf_instances WHERE definition_id = '{OperationsWorkflows.Scheduled}' GROUP BY correlation_id",
            r => (CorrelationId: r.GetString(0), Count: r.GetInt64(1)));
        perPeriod.Where(p => p.Count != 1).ShouldBeEmpty("a period started more than one instance");

        // Periods are named by their scheduled time: consecutive, EverySeconds apart, from the first to the last.
        var periods = perPeriod.Select(p => DateTime.Parse(p.CorrelationId["schedule:ops-scheduled:".Length..], CultureInfo.InvariantCulture)).Order().ToList();
        var gaps = periods.Zip(periods.Skip(1)).Where(p => p.Second - p.First != TimeSpan.FromSeconds(EverySeconds)).ToList();
        gaps.ShouldBeEmpty($"periods skipped or off the schedule: {string.Join(", ", gaps.Select(g => $"{g.First:HH:mm:ss}->{g.Second:HH:mm:ss}"))}");
        periods.Count.ShouldBeGreaterThanOrEqualTo(14);

        (await Workers.ScalarAsync(connection, "SELECT COUNT(*) FROM schedule_firings WHERE status <> 'Started'")).ShouldBe(0L, "every firing started its instance");

        // Quartz itself fired each trigger on one host: the product's per-period claim, which would turn a second firing
        // into a logged no-op, saw at most one (a job in flight on the killed host is re-run by Quartz's recovery).
        // Three unclustered schedulers would log two for every period.
        var duplicates = everyHost.Sum(h => h.Output.ToString().Split('\n').Count(line => line.Contains("was already fired", StringComparison.Ordinal)));
        duplicates.ShouldBeLessThanOrEqualTo(1);
    }

    private static Task<long> FiringsAsync(System.Data.Common.DbConnection connection) =>
        Workers.ScalarAsync(connection, $"SELECT COUNT(*) FROM wf_instances WHERE definition_id = '{OperationsWorkflows.Scheduled}'");

    /// <summary>One product host as a child process, scheduling <c>ops-scheduled</c> every two seconds.</summary>
    private sealed class ProductNode
    {
        private readonly Process _process;

        private ProductNode(Process process, Workers.SynchronizedOutput output)
        {
            _process = process;
            Output = output;
        }

        public Workers.SynchronizedOutput Output { get; }

        public static async Task<ProductNode> StartAsync(string name, TestDatabase database, string workflows)
        {
            var port = LoopbackServer.FreePort();
            var data = Directory.CreateTempSubdirectory($"bo-{name}-").FullName;
            var info = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
            string[] args =
            [
                Path.Combine(AppContext.BaseDirectory, "BillingOrchestrator.Web.dll"), "--urls", $"http://127.0.0.1:{port}",
                "--DataDirectory", data, "--Workflows:Directory", workflows, "--Workflows:NodeId", name, "--Demo:Enabled", "false",
                "--Database:Provider", "Postgres", "--Database:ConnectionString", database.ConnectionString!,
                "--Scheduling:Schedules:9:DefinitionId", OperationsWorkflows.Scheduled,
                "--Scheduling:Schedules:9:Cron", $"0/{EverySeconds} * * * * ?", "--Scheduling:Schedules:9:TimeZone", "UTC",
                "--Logging:LogLevel:Default", "Warning", $"--Logging:LogLevel:{typeof(Web.Scheduling.ScheduleFirings).FullName}", "Information",
            ];
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            var (process, output) = Workers.Launch(info);
            var node = new ProductNode(process, output);
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (DateTime.UtcNow < deadline)
            {
                process.HasExited.ShouldBeFalse($"{name} exited while starting:\n{output}");
                try
                {
                    if ((await client.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK)
                    {
                        return node;
                    }
                }
                catch (HttpRequestException)
                {
                }

                await Task.Delay(250);
            }

            node.Kill();
            throw new TimeoutException($"{name} was not ready within 3 minutes:\n{output}");
        }

        /// <summary>SIGKILL: no shutdown, no lease or trigger given back.</summary>
        public void Kill()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
    }
}
