using System.Collections.Immutable;
using k8s.Models;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Sync.Database;

namespace KongDashboard.Core.Tests.Sync.Database;

/// <summary>Whether a DB-mode node has picked up the last database write, judged from its polling settings.</summary>
public sealed class NodePickUpTests
{
    private static readonly DateTimeOffset Written = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly NodePollSettings Defaults = new(5, 0, 5, Assumed: false);

    private static GatewayStatus Node(string id, bool reachable = true, bool? database = true, NodePollSettings? polling = null) =>
        new(id, new Uri($"http://{id}:8001"), null, null, reachable, "3.9.1", null, GatewaySyncState.Pending, null, null, [], null, null, null, null)
        {
            DatabaseReachable = database,
            DatabasePolling = polling ?? Defaults,
        };

    [Fact]
    public void Another_node_is_given_its_poll_and_router_rebuild_the_written_node_only_the_rebuild()
    {
        var write = new DbLastWrite(Written, "kong-a");

        var other = NodePickUp.Judge(Node("kong-b"), write, Written.AddSeconds(3));
        Assert.Equal(NodePickUpState.Within, other.State);
        Assert.Equal(TimeSpan.FromSeconds(7), other.Remaining);
        Assert.Equal(NodePickUpState.PickedUp, NodePickUp.Judge(Node("kong-b"), write, Written.AddSeconds(10)).State);

        var written = NodePickUp.Judge(Node("kong-a"), write, Written.AddSeconds(3));
        Assert.Equal(NodePickUpState.Within, written.State);
        Assert.Equal(TimeSpan.FromSeconds(2), written.Remaining);
        Assert.Equal(NodePickUpState.PickedUp, NodePickUp.Judge(Node("kong-a"), write, Written.AddSeconds(5)).State);
    }

    [Fact]
    public void Propagation_delay_adds_to_another_nodes_bound()
    {
        var delayed = Node("kong-b", polling: new NodePollSettings(5, 2, 5, Assumed: false));
        Assert.Equal(TimeSpan.FromSeconds(12), NodePickUp.Judge(delayed, new DbLastWrite(Written, "kong-a"), Written).Bound);
    }

    [Fact]
    public void A_node_without_its_database_or_its_admin_api_is_not_said_to_have_picked_anything_up()
    {
        var write = new DbLastWrite(Written, "kong-a");
        var late = Written.AddHours(1);
        Assert.Equal(NodePickUpState.PickedUp, NodePickUp.Judge(Node("kong-b"), write, late).State); // positive control
        Assert.Equal(NodePickUpState.DatabaseUnreachable, NodePickUp.Judge(Node("kong-b", database: false), write, late).State);
        Assert.Equal(NodePickUpState.Unknown, NodePickUp.Judge(Node("kong-b", reachable: false), write, late).State);
        Assert.Equal(NodePickUpState.NoWriteSeen, NodePickUp.Judge(Node("kong-b"), null, late).State);
    }

    [Fact]
    public void Missing_settings_take_kongs_defaults_and_say_so_and_a_dbless_node_has_none()
    {
        var info = new KongNodeInfo { Configuration = new System.Text.Json.Nodes.JsonObject { ["database"] = "postgres", ["db_update_frequency"] = 2 } };
        var settings = NodePollSettings.From(info)!;
        Assert.Equal(new NodePollSettings(2, 0, 5, Assumed: true), settings);
        Assert.Null(NodePollSettings.From(new KongNodeInfo { Configuration = new System.Text.Json.Nodes.JsonObject { ["database"] = "off" } }));
    }

    [Fact]
    public void Followers_read_the_leaders_last_write_from_its_configmap()
    {
        var leaderState = SyncState.Empty with
        {
            Database = new DbSyncHistory([
                new DbSyncReport(Written.AddSeconds(9), TimeSpan.Zero, "sha2", false, "kong-a", 0, [], null),
                new DbSyncReport(Written, TimeSpan.Zero, "sha1", true, "kong-a", 3, [], null),
            ]),
        };
        Assert.Equal(new DbLastWrite(Written, "kong-a"), leaderState.LastDatabaseWrite); // a sync that wrote nothing is no write

        var map = new V1ConfigMap { Data = new Dictionary<string, string> { [LeaderPushes.DataKey] = LeaderPushes.From("leader-0", leaderState).ToJson() } };
        var follower = SyncState.Empty with { Database = DbSyncHistory.Empty, Leader = LeaderPushes.Read(map) };
        Assert.Equal(new DbLastWrite(Written, "kong-a"), follower.LastDatabaseWrite);

        // a former leader's own older write does not hide the current leader's
        var former = follower with { Database = new DbSyncHistory(ImmutableArray.Create(new DbSyncReport(Written.AddSeconds(-60), TimeSpan.Zero, "old", true, "kong-b", 1, [], null))) };
        Assert.Equal(new DbLastWrite(Written, "kong-a"), former.LastDatabaseWrite);
    }
}
