using k8s;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Signals;
using KongDashboard.Core.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.Core.Tests.Controller;

/// <summary>The one Event writer, as the audit uses it: its own component, every record kept, repeats counted, secrets scrubbed.</summary>
public sealed class EventRecorderTests
{
    private static readonly ObjectRef Lease = new("coordination.k8s.io", "v1", "Lease", "default", "leader");

    [Fact]
    public async Task Repeats_bump_the_count_and_the_component_is_the_callers()
    {
        await using var cluster = await TestCluster.StartAsync();
        await using var recorder = new EventRecorder(() => Task.FromResult(cluster.Client), "kong-dashboard", "replica-a", () => true, NullLogger.Instance);

        recorder.Record(Lease, "Normal", "DashboardAdminAction", "alice: resync all gateways");
        await Eventually.HoldsAsync(async () => (await EventsAsync(cluster, "DashboardAdminAction")).Count == 1, because: "the first Event");
        var first = await EventsAsync(cluster, "DashboardAdminAction");
        Assert.Equal("kong-dashboard", first[0].Source.Component);
        Assert.Equal("replica-a", first[0].ReportingInstance);
        Assert.Equal(1, first[0].Count);

        recorder.Record(Lease, "Normal", "DashboardAdminAction", "alice: resync all gateways");
        await Eventually.HoldsAsync(async () => await EventsAsync(cluster, "DashboardAdminAction") is [{ Count: 2 }], because: "the same Event counted twice");
    }

    [Fact]
    public async Task Secret_values_are_scrubbed_and_a_recorder_that_may_not_write_writes_nothing()
    {
        await using var cluster = await TestCluster.StartAsync();
        var mayWrite = false;
        await using var recorder = new EventRecorder(() => Task.FromResult(cluster.Client), "kong-dashboard", "replica-a", () => mayWrite, NullLogger.Instance);

        recorder.Record(Lease, "Warning", "Silenced", "dropped");
        mayWrite = true;
        recorder.Record(Lease, "Warning", "Scrubbed", "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----");
        await Eventually.HoldsAsync(async () => (await EventsAsync(cluster, "Scrubbed")).Count == 1, because: "the scrubbed Event");
        var written = await EventsAsync(cluster, "Scrubbed");

        Assert.DoesNotContain("MIIE", written[0].Message, StringComparison.Ordinal);
        Assert.Empty(await EventsAsync(cluster, "Silenced")); // recorded before it: had it been written, it would be there by now
    }

    private static async Task<List<k8s.Models.Corev1Event>> EventsAsync(TestCluster cluster, string reason) =>
        (await cluster.Client.CoreV1.ListNamespacedEventAsync("default")).Items.Where(e => e.Reason == reason).ToList();
}
