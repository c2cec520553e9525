using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace KongDashboard.Cli.Scale;

/// <summary>
/// A dashboard process (the demo or the product) started from its built dll, so its own pid is known: RSS is read from
/// <c>/proc/PID/status</c> (VmRSS now, VmHWM the peak) and SIGTERM goes to it, not to a <c>dotnet run</c> wrapper.
/// </summary>
public sealed partial class MeasuredProcess : IDisposable
{
    private readonly Process _process;

    private MeasuredProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
    }

    public Uri BaseUri { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static MeasuredProcess Start(string dll, string workDirectory, IEnumerable<string> arguments)
    {
        var baseUri = new Uri($"http://127.0.0.1:{FreeLoopbackPort()}/");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { dll, "--urls", baseUri.ToString().TrimEnd('/'), "--Dashboard:Metrics:AllowAnonymous=true", "--Logging:LogLevel:Default=Warning" }.Concat(arguments))
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {dll}");
        // Drain its output so a full pipe never blocks it.
        var log = new StreamWriter(Path.Combine(workDirectory, Path.GetFileNameWithoutExtension(dll) + ".log"), append: true) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (log) { log.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new MeasuredProcess(process, baseUri);
    }

    /// <summary>Resident set size now and its peak (VmHWM), in bytes.</summary>
    public (long Rss, long Peak) Memory()
    {
        var status = File.ReadAllText($"/proc/{_process.Id}/status");
        return (Kilobytes(status, "VmRSS") * 1024, Kilobytes(status, "VmHWM") * 1024);
    }

    /// <summary>Sends SIGTERM (what the kubelet sends) and returns how long the process took to exit.</summary>
    public async Task<TimeSpan> TerminateAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"pid {_process.Id} did not exit within {limit.TotalSeconds:0} s of SIGTERM");
        }

        return clock.Elapsed;
    }

    /// <summary>The <c>kong_dashboard_objects</c> gauge of every replica in this process: instance → state → count.</summary>
    public async Task<Dictionary<string, Dictionary<string, double>>> ObjectCountsAsync(HttpClient http)
    {
        var text = await http.GetStringAsync(new Uri(BaseUri, "metrics"));
        var result = new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal);
        foreach (Match m in ObjectsLine().Matches(text))
        {
            var instance = m.Groups["instance"].Value;
            if (!result.TryGetValue(instance, out var states))
            {
                result[instance] = states = new Dictionary<string, double>(StringComparer.Ordinal);
            }

            states[m.Groups["state"].Value] = double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture);
        }

        return result;
    }

    /// <summary>True once the process answers HTTP at all (/healthz), ready or not.</summary>
    public async Task<bool> ListeningAsync(HttpClient http)
    {
        try
        {
            using var response = await http.GetAsync(new Uri(BaseUri, "healthz"));
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    public async Task<bool> ReadyAsync(HttpClient http)
    {
        try
        {
            return (await http.GetAsync(new Uri(BaseUri, "readyz"))).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static long Kilobytes(string status, string field) =>
        long.Parse(Regex.Match(status, $@"^{field}:\s+(\d+) kB", RegexOptions.Multiline).Groups[1].Value, CultureInfo.InvariantCulture);

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex("""^kong_dashboard_objects\{(?=[^}]*state="(?<state>[^"]+)")(?=[^}]*instance_id="(?<instance>[^"]+)")[^}]*\}\s+(?<value>\S+)""", RegexOptions.Multiline)]
    private static partial Regex ObjectsLine();
}
