using KongDashboard.Core.Controller;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Status;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using KongDashboard.Core.Tests.Sync;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Tests.Status;

/// <summary>
/// The status model through real parts: KIC translation, the sync loop and embedded Kong 3.9 Admin APIs. An Ingress
/// Kong rejects (path <c>/~(</c>, ImplementationSpecific: an invalid regex) is <em>Rejected by Kong</em> — not
/// "Translated" — and the counts every page shows come from the same states.
/// </summary>
public sealed class KongRejectedStatusTests
{
    [Fact]
    public async Task An_ingress_kong_rejects_is_rejected_by_kong_and_counted_as_failed()
    {
        var bad = Objects.Ingress("apps", "bad", path: "/~(");
        bad.Spec.Rules[0].Http.Paths[0].PathType = "ImplementationSpecific";
        var other = Objects.Ingress("apps", "nginx-only", path: "/nginx");
        other.Spec.IngressClassName = "nginx";
        var snapshot = ClusterSnapshotBuilder.From([Objects.Service("apps", "web"), Objects.Ingress("apps", "good", path: "/good"), bad, other], out _);
        var (translation, result) = new KicSnapshotTranslator(new TranslatorOptions()).Translate(snapshot, 1);
        await using var fixture = await GatewayFixture.StartAsync(2);

        // Positive control: translation alone does not know it is broken (KIC translates it without a failure).
        var beforeKong = StatusBoard.Compute(translation.Objects, fixture.Sync.State.Current);
        Assert.Equal(ObjectState.Pending, beforeKong.Get("Ingress", "apps", "bad")!.State);
        Assert.Equal(0, beforeKong.Counts.Failed);

        fixture.Sync.OnTranslation(snapshot, result);
        await Eventually.True(() => fixture.Sync.State.Current is { Desired.Kind: PayloadKind.Fallback } s && s.InSync == 2, "the fallback on both gateways");

        var board = StatusBoard.Compute(translation.Objects, fixture.Sync.State.Current);
        var rejected = board.Get("Ingress", "apps", "bad")!;
        Assert.Equal(ObjectState.RejectedByKong, rejected.State);
        Assert.Equal("Rejected by Kong", rejected.Label);
        Assert.StartsWith("Kong rejected it: ", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("regex", rejected.Reason, StringComparison.OrdinalIgnoreCase);
        var good = board.Get("Ingress", "apps", "good")!;
        Assert.Equal(ObjectState.Applied, good.State);
        Assert.Equal("Applied (2 of 2 gateways)", good.Label);
        Assert.Equal(ObjectState.NotForThisController, board.Get("Ingress", "apps", "nginx-only")!.State);
        Assert.Equal(new StatusCounts(3, 0, 1, 0, 1, 1), board.Counts);
        Assert.Equal(1, board.Counts.Failed);

        // The state as pages and /api/v1 receive it carries the same board.
        var initial = ControllerState.Initial("test", new ClusterConnection(ClusterMode.Embedded, "https://127.0.0.1", null, ControllerRole.Active));
        var state = (initial with { Translation = translation, Sync = fixture.Sync.State.Current }).WithStatus();
        Assert.Equal(board.Counts, state.Status.Counts);
        Assert.Equal(ObjectState.RejectedByKong, state.StatusOf(state.Translation.Rows.Single(r => r.Key.Name == "bad"))!.State);
    }
}
