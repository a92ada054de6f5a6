using BillingOrchestrator.Integrations;
using BillingOrchestrator.Integrations.ConnectWise;
using BillingOrchestrator.Integrations.ConnectWise.Export;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BillingOrchestrator.Cli;

/// <summary>
/// <c>dump --out FOLDER</c>: reads everything from ConnectWise PSA and writes an export folder (the offline format the
/// importer and <c>validate</c> read). Settings come from <c>appsettings.json</c> and <c>ConnectWise__*</c> environment variables.
/// </summary>
internal static class DumpCommand
{
    public static async Task<int> RunAsync(CliArguments args, TextWriter output, CancellationToken cancellationToken)
    {
        var folder = Path.GetFullPath(args.Require("out"));
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection().AddLogging().AddConnectWise(configuration).BuildServiceProvider();
        await using var _ = services;
        if (services.GetRequiredService<IOptions<ConnectWiseOptions>>().Value.Validate() is { Count: > 0 } missing)
        {
            throw new CliException($"ConnectWise is not configured: {string.Join("; ", missing)}");
        }

        try
        {
            var snapshot = await services.GetRequiredService<ConnectWiseDumper>().DumpAsync(folder, cancellationToken);
            await output.WriteLineAsync($"Wrote {snapshot.TimeEntries.Count} time entries, {snapshot.Agreements.Count} agreements and {snapshot.Companies.Count} companies to {folder}");
            return 0;
        }
        catch (ConnectWiseApiException ex)
        {
            throw new CliException(ex.Message);
        }
    }
}
