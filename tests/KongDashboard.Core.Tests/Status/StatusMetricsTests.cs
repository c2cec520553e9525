using KongDashboard.Core.Controller;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Signals;
using KongDashboard.Core.Status;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using KongDashboard.Core.Tests.Sync;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Tests.Status;

/// <summary>The object-state metrics are the status board's counts, so /metrics agrees with the pages.</summary>
public sealed class StatusMetricsTests
{
    [Fact]
    public async Task The_object_metrics_equal_the_boards_counts_after_kong_rejected_an_ingress()
    {
        var bad = Objects.Ingress("apps", "bad", path: "/~(");
        bad.Spec.Rules[0].Http.Paths[0].PathType = "ImplementationSpecific";
        var other = Objects.Ingress("apps", "nginx-only", path: "/nginx");
        other.Spec.IngressClassName = "nginx";
        var snapshot = ClusterSnapshotBuilder.From([Objects.Service("apps", "web"), Objects.Ingress("apps", "good", path: "/good"), bad, other], out _);
        var (translation, result) = new KicSnapshotTranslator(new TranslatorOptions()).Translate(snapshot, 1);
        await using var fixture = await GatewayFixture.StartAsync(1);
        fixture.Sync.OnTranslation(snapshot, result);
        await Eventually.True(() => fixture.Sync.State.Current is { Desired.Kind: PayloadKind.Fallback } s && s.InSync == 1, "the fallback applied");

        var board = StatusBoard.Compute(translation.Objects, fixture.Sync.State.Current);
        Assert.Equal(1, board.Counts.RejectedByKong); // positive control: there is something to count
        const string instance = "status-metrics-test";
        StatusMetrics.Record(instance, board);

        foreach (var state in Enum.GetValues<ObjectState>())
        {
            Assert.Equal(board.Counts.Of(state), StatusMetrics.Objects.WithLabels(state.ToString(), instance).Value);
        }

        Assert.Equal(1, StatusMetrics.Objects.WithLabels(nameof(ObjectState.RejectedByKong), instance).Value);
        Assert.Equal(1, StatusMetrics.Objects.WithLabels(nameof(ObjectState.Applied), instance).Value);
        Assert.Equal(board.Counts.FailedToTranslate, ControllerMetrics.TranslationBrokenResources.WithLabels(instance).Value);
    }
}
