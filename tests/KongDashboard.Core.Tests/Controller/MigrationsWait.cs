using System.Diagnostics;

namespace KongDashboard.Core.Tests.Controller;

/// <summary>
/// Runs a wait-for-db init container's command with a stand-in <c>kong</c> (answering <c>migrations list</c> with the
/// given exit codes in turn) and a no-op <c>sleep</c> first on PATH, so the loop's real shell logic runs in milliseconds.
/// </summary>
internal static class MigrationsWait
{
    public static async Task<(int Exit, string Output, int Calls)> RunAsync(string[] command, int[] exitCodes)
    {
        var bin = Directory.CreateTempSubdirectory("kd-migrations-wait-");
        try
        {
            var calls = System.IO.Path.Combine(bin.FullName, "calls");
            await File.WriteAllTextAsync(calls, "");
            await Executable(bin, "kong", $$"""
                #!/bin/sh
                [ "$1 $2" = "migrations list" ] || { echo "unexpected: kong $*" >&2; exit 99; }
                echo x >> '{{calls}}'
                n=$(wc -l < '{{calls}}')
                set -- {{string.Join(' ', exitCodes)}}
                shift $((n - 1))
                exit ${1:-0}
                """);
            await Executable(bin, "sleep", "#!/bin/sh\nexit 0\n");

            var start = new ProcessStartInfo(command[0], command.Skip(1)) { RedirectStandardOutput = true, RedirectStandardError = true };
            start.Environment["PATH"] = bin.FullName + ":" + Environment.GetEnvironmentVariable("PATH");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await output + await error, (await File.ReadAllLinesAsync(calls)).Length);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    private static async Task Executable(DirectoryInfo bin, string name, string script)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the wait-for-db command is a /bin/sh script, as in the Kong image");
        }

        var path = System.IO.Path.Combine(bin.FullName, name);
        await File.WriteAllTextAsync(path, script.Replace("\r\n", "\n") + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }
}
