using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BillingOrchestrator.LoadTest;

/// <summary>The real product (the Release build of BillingOrchestrator.Web) as a child process on a loopback port.</summary>
internal sealed class ProductProcess : IAsyncDisposable
{
    public const string Password = "Load-Passw0rd!";

    private readonly Process _process;

    private ProductProcess(Process process, Uri address, string dataDirectory)
    {
        _process = process;
        Address = address;
        DataDirectory = dataDirectory;
    }

    public Uri Address { get; }

    public string DataDirectory { get; }

    public static async Task<ProductProcess> StartAsync(string webDll, string workflows, string? postgres, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var data = Directory.CreateTempSubdirectory("bo-load-").FullName;
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(webDll)! };
        string[] args =
        [
            webDll, "--urls", $"http://127.0.0.1:{port}", "--DataDirectory", data, "--Workflows:Directory", workflows,
            "--Demo:Enabled", "true", "--Demo:Password", Password, "--Demo:LoadData", "true", "--Logging:LogLevel:Default", "Warning",
            "--Limits:MaxRequestBodyBytes", "4000000",
        ];
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        if (postgres is not null)
        {
            info.ArgumentList.Add("--Database:Provider");
            info.ArgumentList.Add("Postgres");
            info.ArgumentList.Add("--Database:ConnectionString");
            info.ArgumentList.Add(postgres);
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("host: " + e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Console.Error.WriteLine("host: " + e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var product = new ProductProcess(process, new Uri($"http://127.0.0.1:{port}"), data);
        using var probe = new HttpClient { BaseAddress = product.Address };
        var deadline = DateTime.UtcNow.AddMinutes(3);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"the product exited with code {process.ExitCode} while starting");
            }

            try
            {
                if ((await probe.GetAsync("/login", cancellationToken)).StatusCode == HttpStatusCode.OK)
                {
                    return product;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(250, cancellationToken);
        }

        throw new TimeoutException("the product did not answer on /login within 3 minutes");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
