using System.Diagnostics;
using System.Threading.Channels;

namespace KongDashboard.EmbeddedCluster.Tests.TestSupport;

/// <summary>Runs the real kubectl (/usr/bin/kubectl) against a written kubeconfig.</summary>
public sealed class Kubectl(string kubeconfig, string cacheDir)
{
    public sealed record Result(int ExitCode, string Stdout, string Stderr)
    {
        public string Output => Stdout + Stderr;
    }

    public async Task<Result> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return new Result(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs and asserts success, returning stdout.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.True(result.ExitCode == 0, $"kubectl {string.Join(' ', args)} failed ({result.ExitCode}): {result.Output}");
        return result.Stdout;
    }

    /// <summary>Starts a long-running kubectl (e.g. get -w) whose stdout lines are read asynchronously.</summary>
    public StreamingProcess Start(params string[] args) => new(Process.Start(StartInfo(args))!);

    private ProcessStartInfo StartInfo(string[] args)
    {
        var info = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add($"--cache-dir={cacheDir}");
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["KUBECONFIG"] = kubeconfig;
        return info;
    }

    public sealed class StreamingProcess : IDisposable
    {
        private readonly Process _process;
        private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _seen = new();
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _stderr = new();

        internal StreamingProcess(Process process)
        {
            _process = process;
            _process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    _lines.Writer.TryComplete();
                }
                else
                {
                    _lines.Writer.TryWrite(e.Data);
                }
            };
            _process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    _stderr.Enqueue(e.Data);
                }
            };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        /// <summary>
        /// Awaits the next stdout line matching <paramref name="predicate"/> (bounded wait). On timeout the failure
        /// shows every stdout line read and kubectl's stderr, so a missed watch event can be told from a dead stream.
        /// </summary>
        public async Task<string> WaitForLineAsync(Func<string, bool> predicate, TimeSpan? timeout = null)
        {
            using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
            try
            {
                while (true)
                {
                    var line = await _lines.Reader.ReadAsync(cts.Token);
                    _seen.Enqueue(line);
                    if (predicate(line))
                    {
                        return line;
                    }
                }
            }
            catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
            {
                throw new TimeoutException(
                    $"no matching kubectl line ({(e is ChannelClosedException ? "stdout closed" : "timed out")}); " +
                    $"stdout: [{string.Join(" | ", _seen)}]; stderr: [{string.Join(" | ", _stderr)}]", e);
            }
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
