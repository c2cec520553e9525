using System.Text;
using KongDashboard.Cli;

namespace KongDashboard.Core.Tests.Translation.Cli;

/// <summary>Hostile input to <c>translate</c>: each gets one line naming the file and the reason, and exit 1 — no crash, no hang.</summary>
public sealed class HostileInputTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("kd-hostile-");

    public void Dispose() => _folder.Delete(recursive: true);

    private static async Task<(int Code, string Err)> Translate(string path)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await TranslateVerb.RunAsync(["translate", "-f", path], new StringReader(""), stdout, stderr);
        return (code, stderr.ToString());
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static void AssertOneLineError(string path, string reason, (int Code, string Err) result)
    {
        Assert.Equal(1, result.Code);
        var line = Assert.Single(result.Err.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(path, line);
        Assert.Contains(reason, line);
    }

    [Fact]
    public async Task Deeply_nested_flow_sequences_are_refused_not_a_stack_overflow()
    {
        var path = Write("deep.yaml", new string('[', 100_000));
        AssertOneLineError(path, "nested deeper than", await Translate(path));
    }

    [Fact]
    public async Task A_KongPlugin_config_nested_5000_levels_is_refused()
    {
        var config = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            config.Append("{a: ");
        }

        config.Append('1').Append('}', 5000);
        var path = Write("plugin.yaml", $"apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {{name: deep, namespace: default}}\nplugin: cors\nconfig: {config}\n");
        AssertOneLineError(path, "nested deeper than", await Translate(path));

        // Positive control: the same plugin, shallow, is read and translated.
        var shallow = Write("shallow.yaml", "apiVersion: configuration.konghq.com/v1\nkind: KongPlugin\nmetadata: {name: ok, namespace: default}\nplugin: cors\nconfig: {origins: ['*']}\n");
        Assert.Equal(0, (await Translate(shallow)).Code);
    }

    [Fact]
    public async Task A_yaml_alias_bomb_is_refused_before_it_expands()
    {
        var bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var level = 'b'; level <= 'j'; level++)
        {
            var previous = (char)(level - 1);
            bomb.Append($"{level}: &{level} [*{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n");
        }
        var path = Write("bomb.yaml", bomb.ToString());
        AssertOneLineError(path, "aliases are expanded", await Translate(path));
    }

    [Fact]
    public async Task A_yaml_symlink_to_dev_zero_is_refused_by_size()
    {
        var path = Path.Combine(_folder.FullName, "zero.yaml");
        File.CreateSymbolicLink(path, "/dev/zero");
        AssertOneLineError(path, "larger than", await Translate(path));
    }

    [Fact]
    public async Task A_fifo_named_yaml_is_refused_instead_of_hanging()
    {
        var path = Path.Combine(_folder.FullName, "pipe.yaml");
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]))
        {
            await mkfifo.WaitForExitAsync();
            Assert.Equal(0, mkfifo.ExitCode);
        }
        try
        {
            AssertOneLineError(path, "not a regular file", await Translate(path));
        }
        finally
        {
            // Let the abandoned open return, so no thread stays blocked on the FIFO.
            using var writer = new FileStream(path, FileMode.Open, FileAccess.Write);
        }
    }
}
