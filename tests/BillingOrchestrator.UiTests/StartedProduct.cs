using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace BillingOrchestrator.UiTests;

/// <summary>
/// The product started exactly as README.md tells a user to start it: <c>scripts/start.sh</c>, in the Production
/// environment, on the embedded SQLite default with the demo MSP, in a process of its own. Only the port, the data
/// directory, the definitions folder (a copy, so nothing the tests do touches the repository's) and the demo password
/// differ; the build that scripts/test.sh made is reused (<c>BO_NO_BUILD=1</c>).
/// </summary>
public sealed class StartedProduct : IAsyncLifetime
{
    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("bo-started-").FullName;
    private readonly StringBuilder _output = new();
    private Process? _process;

    public Uri ServerAddress { get; private set; } = null!;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        var repository = RepositoryRoot();
        var workflows = Path.Combine(_dataDirectory, "workflows");
        Directory.CreateDirectory(workflows);
        foreach (var file in Directory.GetFiles(Path.Combine(repository, "workflows"), "*.json"))
        {
            File.Copy(file, Path.Combine(workflows, Path.GetFileName(file)));
        }

        ServerAddress = new Uri($"http://127.0.0.1:{Testing.LoopbackPorts.Free()}");
        var start = new ProcessStartInfo("bash", [Path.Combine(repository, "scripts", "start.sh"), "--Workflows:Directory", workflows, "--Scheduling:Enabled", "false"])
        {
            WorkingDirectory = repository,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["BO_NO_BUILD"] = "1";
        start.Environment["BO_CONFIGURATION"] = BuildConfiguration();
        start.Environment["BO_URLS"] = ServerAddress.ToString().TrimEnd('/');
        start.Environment["BO_DATA"] = _dataDirectory;
        start.Environment["BO_DEMO_PASSWORD"] = Testing.ProductHost.DemoPassword;
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        _process = Process.Start(start) ?? throw new InvalidOperationException("scripts/start.sh did not start.");
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await WaitUntilReadyAsync();
    }

    public Task DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file the killed host still held open; the temp folder is cleaned by the OS.
        }

        return Task.CompletedTask;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = ServerAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"scripts/start.sh exited with {_process.ExitCode}:\n{Output}");
            }

            // The demo data loads after the host listens; the home page's figures need it.
            if (await ReadyAsync(http) && Output.Contains("Demo data loaded", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"scripts/start.sh did not become ready within 3 minutes:\n{Output}");
    }

    private static async Task<bool> ReadyAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync("/health/ready")).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private static string BuildConfiguration() =>
        typeof(StartedProduct).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "BillingOrchestrator.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (BillingOrchestrator.sln) is not above the test output.");
    }
}
