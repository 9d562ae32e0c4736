using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hotline.Bench;

/// <summary>The real Api, built in Release and run as its own process on a free loopback port with a fresh database.</summary>
internal sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataFolder;

    private ApiProcess(Process process, string baseUrl, string dataFolder)
    {
        _process = process;
        BaseUrl = baseUrl;
        _dataFolder = dataFolder;
    }

    public string BaseUrl { get; }

    /// <summary>The Api's process id, to read its CPU time from /proc.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Environment variables the bench process may set for itself (e.g. its own socket completions) that the Api it
    /// starts must not inherit: the Api runs as a production deployment would.
    /// </summary>
    public static readonly string[] BenchOnlyEnvironment = ["DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS"];

    /// <summary>The SQLite file the Api writes (a Worker process would open the same).</summary>
    public string DatabaseFile => Path.Combine(_dataFolder, "hotline.db");

    /// <summary>Starts the Api; <paramref name="settings"/> are extra configuration (key=value), e.g. to run the jobs inside it.</summary>
    public static async Task<ApiProcess> StartAsync(BenchOptions options, params string[] settings)
    {
        var project = Path.Combine(options.Root, "Hotline.Api");
        Run("dotnet", $"build \"{project}\" -c Release -nologo -v quiet -p:SkipWebBuild=true");
        var output = Path.Combine(project, "bin", "Release", "net10.0");
        var port = FreePort();
        var data = Path.Combine(Path.GetTempPath(), "hotline-bench", Guid.NewGuid().ToString("N"));
        var start = new ProcessStartInfo("dotnet", [Path.Combine(output, "Hotline.Api.dll"), "--urls", $"http://127.0.0.1:{port}",
            $"--Database:DataFolder={data}", "--Logging:LogLevel:Default=Warning", "--Jobs:RunInApi=false", .. settings.Select(s => "--" + s)])
        {
            WorkingDirectory = output,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var name in BenchOnlyEnvironment)
        {
            start.Environment.Remove(name);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("api: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var api = new ApiProcess(process, $"http://127.0.0.1:{port}", data);
        using var http = new HttpClient();
        for (var i = 0; i < 300; i++)
        {
            try
            {
                if ((await http.GetAsync(api.BaseUrl + "/api/auth/me")).StatusCode == HttpStatusCode.Unauthorized)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(100);
        }

        await api.DisposeAsync();
        throw new InvalidOperationException("The Api did not start within 30 s.");
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
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // left for the temp cleaner
        }
    }

    private static void Run(string file, string arguments)
    {
        using var p = Process.Start(new ProcessStartInfo(file, arguments))!;
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed with {p.ExitCode}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
