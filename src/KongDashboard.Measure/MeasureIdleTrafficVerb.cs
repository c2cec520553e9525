using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using k8s;
using k8s.Models;
using Microsoft.Playwright;

namespace KongDashboard.Cli;

/// <summary>
/// `measure-idle-traffic [--root DIR] [--gateways N] [--seconds S] [--rps R]`: what an idle /gateways page costs. Starts
/// the demo of the tree at DIR (default: this repository; point it at another checkout to compare commits) as its own
/// process, scales the Kong gateways to N through the HPA's minReplicas, sets the simulated load to R requests per second
/// when given (0: no traffic, so nothing on the page changes; without it the seed's 200 rps keep every row's traffic and
/// CPU moving every second), signs in, opens
/// /gateways in the system Chromium and counts, over S seconds, the Blazor circuit's websocket frames and bytes (CDP
/// Network.webSocketFrame*) and the page's DOM mutation records (a MutationObserver). Never downloads a browser.
/// With KD_DUMP_FRAMES=1 every received frame's printable text goes to stderr (what re-rendered, and when).
/// </summary>
public static class MeasureIdleTrafficVerb
{
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var root = Path.GetFullPath(Option(args, "--root") ?? RepositoryRoot());
        var gateways = int.Parse(Option(args, "--gateways") ?? "10", CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option(args, "--seconds") ?? "10", CultureInfo.InvariantCulture);
        var rps = Option(args, "--rps") is { } r ? int.Parse(r, CultureInfo.InvariantCulture) : (int?)null;
        var project = Path.Combine(root, "src", "KongDashboard.Demo");
        if (!Directory.Exists(project) || !File.Exists(ChromiumPath))
        {
            error.WriteLine($"Needs a built demo at {project} (dotnet build -c Release) and Chromium at {ChromiumPath} (or CHROMIUM_PATH).");
            return 1;
        }

        var work = Directory.CreateTempSubdirectory("kd-idle-traffic-");
        var kubeconfig = Path.Combine(work.FullName, "kubeconfig");
        var token = Convert.ToHexString(Guid.NewGuid().ToByteArray());
        var port = FreeLoopbackPort();
        var baseUri = new Uri($"http://127.0.0.1:{port}/");
        using var demo = StartDemo(project, baseUri, token, kubeconfig, work.FullName);
        try
        {
            await WaitAsync(() => File.Exists(kubeconfig) && Healthy(baseUri), TimeSpan.FromSeconds(120), "the demo to start");
            await ScaleGatewaysAsync(kubeconfig, gateways);
            if (rps is { } load)
            {
                await SetLoadAsync(kubeconfig, load);
            }

            using var playwright = await Playwright.CreateAsync();
            await using var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
            });
            var context = await browser.NewContextAsync(new() { BaseURL = baseUri.ToString(), ViewportSize = new() { Width = 1440, Height = 900 } });
            var page = await context.NewPageAsync();
            var traffic = await WebSocketTraffic.AttachAsync(context, page);

            await page.GotoAsync($"login?t={token}");
            await page.GotoAsync("gateways");
            await page.Locator("[data-testid=gateway-name]").Nth(gateways - 1).WaitForAsync(new() { Timeout = 120_000 });
            // Let the scale-out's own pushes and re-renders finish: every row settled means the page is idle.
            await WaitAsync(async () => await page.Locator("[data-testid=gateway-name]").CountAsync() == gateways
                && await page.Locator("[data-testid=gateway-sync][data-state=InSync], [data-testid=gateway-sync][data-state=Unknown]").CountAsync() == gateways,
                TimeSpan.FromSeconds(60), "every gateway row to settle");

            if (rps is not null)
            {
                // The new load reaches the pod metrics, the HPA and the traffic columns over a few seconds: measure once
                // the page has had no render larger than its freshness stamp's tick for 5 s.
                await WaitAsync(() => Task.FromResult(traffic.QuietFor(TimeSpan.FromSeconds(5), largerThan: 1_000)), TimeSpan.FromSeconds(90), "the page to go quiet after the load change");
            }

            await page.EvaluateAsync("""
                () => {
                  window.__kdMutations = 0;
                  new MutationObserver(records => { window.__kdMutations += records.length; })
                    .observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
                }
                """);
            traffic.Reset();
            var window = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(seconds)); // the measurement window itself, not a wait for a condition
            var (received, sent) = traffic.Snapshot();
            var mutations = await page.EvaluateAsync<int>("() => window.__kdMutations");
            window.Stop();

            output.WriteLine($"/gateways idle, {gateways} gateways, {(rps is { } l ? $"{l} rps" : "seed load")}, {window.Elapsed.TotalSeconds:0.0} s, demo from {root}");
            output.WriteLine($"  websocket received: {received.Frames} frames, {received.Bytes} bytes");
            output.WriteLine($"  websocket sent:     {sent.Frames} frames, {sent.Bytes} bytes");
            output.WriteLine($"  DOM mutation records: {mutations}");
            return 0;
        }
        finally
        {
            if (!demo.HasExited)
            {
                demo.Kill(entireProcessTree: true);
                await demo.WaitForExitAsync();
            }

            work.Delete(recursive: true);
        }
    }

    private static Process StartDemo(string project, Uri baseUri, string token, string kubeconfig, string workDirectory)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            "run", "--no-build", "-c", "Release", "--project", project, "--",
            "--urls", baseUri.ToString().TrimEnd('/'),
            "--Cluster:Mode=Embedded",
            $"--Cluster:Embedded:KubeconfigPath={kubeconfig}",
            $"--Dashboard:Auth:BrowserToken={token}",
            "--Logging:LogLevel:Default=Warning",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the demo");
        // Drain its output so a full pipe never blocks it.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Raises the HPA's floor to N, so the embedded HPA controller scales the gateways out and keeps them.</summary>
    private static async Task ScaleGatewaysAsync(string kubeconfig, int gateways)
    {
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var patch = new V1Patch(
            JsonSerializer.Serialize(new { spec = new { minReplicas = gateways, maxReplicas = Math.Max(gateways, 10) } }),
            V1Patch.PatchType.MergePatch);
        await client.AutoscalingV2.PatchNamespacedHorizontalPodAutoscalerAsync(patch, "kong-gateway", "kong");
    }

    /// <summary>The demo's load control (ConfigMap kong/kong-dashboard-sim, read by the embedded load simulation).</summary>
    private static async Task SetLoadAsync(string kubeconfig, int requestsPerSecond)
    {
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
        var patch = new V1Patch(
            JsonSerializer.Serialize(new { data = new Dictionary<string, string> { ["requestsPerSecond"] = requestsPerSecond.ToString(CultureInfo.InvariantCulture) } }),
            V1Patch.PatchType.MergePatch);
        await client.CoreV1.PatchNamespacedConfigMapAsync(patch, "kong-dashboard-sim", "kong");
    }

    private static bool Healthy(Uri baseUri)
    {
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            return http.GetAsync(new Uri(baseUri, "readyz")).GetAwaiter().GetResult().IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static Task WaitAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        WaitAsync(() => Task.FromResult(condition()), timeout, what);

    private static async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var stopwatch = Stopwatch.StartNew();
        while (!await condition())
        {
            if (stopwatch.Elapsed > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}.");
            }

            await Task.Delay(250);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string? Option(string[] args, string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "KongDashboard.sln")))
            {
                return dir.FullName;
            }
        }

        return Directory.GetCurrentDirectory();
    }

    /// <summary>The page's websocket frames as Chromium's DevTools protocol reports them (the Blazor circuit is the only websocket).</summary>
    private sealed class WebSocketTraffic
    {
        private readonly Lock _gate = new();
        private readonly List<(long At, long Bytes)> _receivedLog = [];
        private (int Frames, long Bytes) _received;
        private (int Frames, long Bytes) _sent;

        public static async Task<WebSocketTraffic> AttachAsync(IBrowserContext context, IPage page)
        {
            var traffic = new WebSocketTraffic();
            var cdp = await context.NewCDPSessionAsync(page);
            cdp.Event("Network.webSocketFrameReceived").OnEvent += (_, e) => traffic.Count(e, received: true);
            cdp.Event("Network.webSocketFrameSent").OnEvent += (_, e) => traffic.Count(e, received: false);
            await cdp.SendAsync("Network.enable");
            return traffic;
        }

        /// <summary>True when no received frame larger than <paramref name="largerThan"/> bytes arrived in the last <paramref name="span"/>.</summary>
        public bool QuietFor(TimeSpan span, long largerThan)
        {
            lock (_gate)
            {
                var since = Stopwatch.GetTimestamp() - (long)(span.TotalSeconds * Stopwatch.Frequency);
                var first = _receivedLog.Count == 0 ? long.MaxValue : _receivedLog[0].At;
                return first < since && !_receivedLog.Any(f => f.At >= since && f.Bytes > largerThan);
            }
        }

        public void Reset()
        {
            lock (_gate)
            {
                _received = default;
                _sent = default;
            }
        }

        public ((int Frames, long Bytes) Received, (int Frames, long Bytes) Sent) Snapshot()
        {
            lock (_gate)
            {
                return (_received, _sent);
            }
        }

        private void Count(JsonElement? e, bool received)
        {
            if (e is not { } frame || !frame.TryGetProperty("response", out var response))
            {
                return;
            }

            var bytes = PayloadBytes(response);
            if (received && Environment.GetEnvironmentVariable("KD_DUMP_FRAMES") == "1")
            {
                var payload = response.GetProperty("payloadData").GetString() ?? "";
                var raw = response.TryGetProperty("opcode", out var op) && op.GetDouble() == 2 ? Convert.FromBase64String(payload) : Encoding.UTF8.GetBytes(payload);
                var text = new string([.. raw.Select(b => b is >= 32 and < 127 ? (char)b : '.')]);
                var shown = System.Text.RegularExpressions.Regex.Replace(text, @"\.{3,}", "…");
                Console.Error.WriteLine($"{DateTime.UtcNow:HH:mm:ss.fff} {bytes} B: {shown[..Math.Min(600, shown.Length)]}");
            }

            lock (_gate)
            {
                if (received)
                {
                    _receivedLog.Add((Stopwatch.GetTimestamp(), bytes));
                    _received = (_received.Frames + 1, _received.Bytes + bytes);
                }
                else
                {
                    _sent = (_sent.Frames + 1, _sent.Bytes + bytes);
                }
            }
        }

        // Text frames carry their text; binary frames (Blazor's MessagePack) arrive base64-encoded.
        private static long PayloadBytes(JsonElement response)
        {
            var payload = response.GetProperty("payloadData").GetString() ?? "";
            var opcode = response.TryGetProperty("opcode", out var op) ? op.GetDouble() : 1;
            if (opcode != 2)
            {
                return Encoding.UTF8.GetByteCount(payload);
            }

            var padding = payload.EndsWith("==", StringComparison.Ordinal) ? 2 : payload.EndsWith('=') ? 1 : 0;
            return (payload.Length / 4 * 3) - padding;
        }
    }
}
