using k8s;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KongDashboard.Core.Tests.Sync;

/// <summary>
/// The leader's ConfigMap write is retried after a failure with a capped back-off (1 s, 2 s, 4 s … 30 s) on the
/// replica's TimeProvider, without waiting for the next change: the embedded API server refuses the first writes
/// (FaultInjector), the test advances virtual time.
/// </summary>
public sealed class LeaderPushWriterRetryTests
{
    private const string Namespace = "kong";

    [Fact]
    public async Task A_failed_write_is_retried_with_a_capped_backoff_until_it_succeeds()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.Client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new() { Name = Namespace } });
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var refused = 0;
        cluster.Server.Faults.FailNext(r => r.Path.Contains($"/namespaces/{Namespace}/configmaps", StringComparison.Ordinal)
            && Interlocked.Increment(ref refused) <= 3, 3, 500);
        var writer = new LeaderPushWriter(cluster.Client, Namespace, "leader-0", () => true, NullLogger.Instance, time);
        var feed = new StateFeed<SyncState>(SyncState.Empty);
        using var stop = new CancellationTokenSource();
        var running = writer.RunAsync(feed, stop.Token);

        feed.Publish(SyncState.Empty with { Enabled = true, DisabledReason = null });
        await Eventually.True(() => writer.RetryIn == TimeSpan.FromSeconds(1), "first failure: retry in 1 s");
        Assert.Equal(0, writer.Writes);
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.True(() => writer.RetryIn == TimeSpan.FromSeconds(2), "second failure: retry in 2 s");
        time.Advance(TimeSpan.FromSeconds(2));
        await Eventually.True(() => writer.RetryIn == TimeSpan.FromSeconds(4), "third failure: retry in 4 s");
        Assert.Equal(3, writer.Failures);
        Assert.Equal(0, writer.Writes);

        // No change happens meanwhile: only the back-off brings the write.
        time.Advance(TimeSpan.FromSeconds(4));
        await Eventually.True(() => writer.Writes == 1 || writer.Failures > 3, "written after the back-off, with no new state");
        Assert.Equal(1, writer.Writes);
        var map = await cluster.Client.CoreV1.ReadNamespacedConfigMapAsync(LeaderPushes.ConfigMapName, Namespace);
        Assert.Equal("leader-0", LeaderPushes.Read(map)!.Leader);
        Assert.Null(writer.RetryIn);
        Assert.Equal(3, writer.Failures);

        Assert.Equal(TimeSpan.FromSeconds(16), LeaderPushWriter.Backoff(5));
        Assert.Equal(LeaderPushWriter.MaxRetry, LeaderPushWriter.Backoff(6));
        Assert.Equal(LeaderPushWriter.MaxRetry, LeaderPushWriter.Backoff(60));

        await stop.CancelAsync();
        await running.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
