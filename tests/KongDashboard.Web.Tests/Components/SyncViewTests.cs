using KongDashboard.Components.Sync;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Sync;
using static KongDashboard.Web.Tests.Components.SyncStates;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

public sealed class SyncViewTests
{
    [Fact]
    public void Config_views_are_redacted()
    {
        var view = ConfigView.Of(Payload(Config(Ingress("default", "echo"))), Now);

        Assert.DoesNotContain(KeyBody, view.Yaml, StringComparison.Ordinal);
        Assert.Contains($"key: {SecretRedactor.Redacted}", view.Yaml, StringComparison.Ordinal);
        Assert.Contains("BEGIN CERTIFICATE", view.Yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_errors_lose_private_keys_and_are_indented()
    {
        var escapedKey = PrivateKey.Replace("\n", "\\n", StringComparison.Ordinal);
        var raw = "{\"name\":\"invalid declarative configuration\",\"fields\":{\"certificates\":[{\"key\":\"" + escapedKey + "\"}]}}";

        var shown = SecretText.RawError(raw);

        Assert.DoesNotContain(KeyBody, shown, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Redacted, shown, StringComparison.Ordinal);
        Assert.Contains("\n", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void History_keeps_the_last_two_distinct_desired_configurations()
    {
        var history = new ConfigHistory();
        var first = Payload(Config(Ingress("default", "echo")), generation: 1);
        var second = Payload(Config(Ingress("default", "echo"), Ingress("shop", "cart")), generation: 2);
        var third = Payload(Config(Ingress("shop", "cart")), generation: 3);

        Assert.True(history.Observe(Sync(first), Now));
        Assert.Null(history.Previous);
        Assert.False(history.Observe(Sync(first), Now));
        history.Observe(Sync(second), Now);
        history.Observe(Sync(third), Now);

        Assert.Equal(third.Sha, history.Current!.Payload.Sha);
        Assert.Equal(second.Sha, history.Previous!.Payload.Sha);
    }

    [Fact]
    public void History_starts_from_the_last_good_configuration_when_it_differs()
    {
        var good = Payload(Config(Ingress("default", "echo")), generation: 1);
        var fallback = Payload(Config(), PayloadKind.Fallback, 3);
        var history = new ConfigHistory();

        history.Observe(new SyncState(true, null, [], fallback, good, null, null), Now);

        Assert.Equal(good.Sha, history.Previous!.Payload.Sha);
        Assert.Contains("accepted", history.PreviousSource, StringComparison.Ordinal);
    }

    [Fact]
    public void Diff_reports_added_and_removed_lines_and_folds_unchanged_runs()
    {
        var old = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"line {i}"));
        var @new = old.Replace("line 15", "line fifteen", StringComparison.Ordinal) + "\nline 31";

        var diff = YamlDiff.Compute(old, @new);

        Assert.Equal(2, diff.Added);
        Assert.Equal(1, diff.Removed);
        Assert.Contains(diff.Lines, l => l.Kind == DiffLineKind.Removed && l.Text == "line 15" && l.OldNumber == 15);
        Assert.Contains(diff.Lines, l => l.Kind == DiffLineKind.Added && l.Text == "line fifteen" && l.NewNumber == 15);
        Assert.Contains(diff.Lines, l => l.Kind == DiffLineKind.Gap && l.Text == "11 unchanged lines");
        Assert.True(diff.Lines.Count < 20);
    }
}
