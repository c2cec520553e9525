using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway.Validation;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>Bodies of <c>GET /</c> (kong/api/routes/kong.lua) and <c>GET /status</c> (kong/api/routes/health.lua).</summary>
internal static class NodeInfo
{
    public static JsonObject Root(KongGatewayOptions o, string nodeId, Uri admin)
    {
        var available = new JsonObject();
        foreach (var (name, priority) in BundledPlugins.Priorities.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            available[name] = new JsonObject { ["version"] = o.Version, ["priority"] = priority };
        }
        var adminListen = $"{admin.Host}:{admin.Port}";
        return new JsonObject
        {
            ["version"] = o.Version,
            ["edition"] = "community",
            ["hostname"] = o.NodeName,
            ["node_id"] = nodeId,
            ["tagline"] = "Welcome to kong",
            ["lua_version"] = "LuaJIT 2.1.0-20231117",
            ["plugins"] = new JsonObject
            {
                ["available_on_server"] = available,
                ["enabled_in_cluster"] = new JsonArray(),
            },
            ["timers"] = new JsonObject { ["running"] = 0, ["pending"] = 8 },
            ["pids"] = new JsonObject { ["master"] = 1, ["workers"] = new JsonArray(2335) },
            ["configuration"] = new JsonObject
            {
                ["database"] = o.Database is null ? "off" : "postgres",
                ["role"] = "traditional",
                ["router_flavor"] = o.RouterFlavor,
                ["plugins"] = new JsonArray("bundled"),
                ["loaded_plugins"] = new JsonObject(BundledPlugins.Priorities.Keys.Select(k => new KeyValuePair<string, JsonNode?>(k, true))),
                ["admin_listen"] = new JsonArray($"{adminListen}"),
                ["proxy_listen"] = new JsonArray($"{admin.Host}:8000", $"{admin.Host}:8443 http2 ssl"),
                ["status_listen"] = new JsonArray($"{admin.Host}:8100"),
                ["proxy_listeners"] = new JsonArray(
                    Listener(admin.Host, 8000, ssl: false),
                    Listener(admin.Host, 8443, ssl: true)),
                ["admin_listeners"] = new JsonArray(Listener(admin.Host, admin.Port, ssl: false)),
                ["nginx_worker_processes"] = "1",
                ["lmdb_map_size"] = "2048m",
                ["declarative_config"] = null,
                // kong.lua:127 returns all of kong.configuration (less secrets), these included (kong_defaults.lua:157-158,187).
                // This node serves a database change at its poll (NodeCache), so the router "rebuild" period is the poll's.
                ["db_update_frequency"] = o.DbUpdateFrequency.TotalSeconds,
                ["db_update_propagation"] = 0,
                ["worker_state_update_frequency"] = o.DbUpdateFrequency.TotalSeconds,
            },
        };
    }

    private static JsonObject Listener(string ip, int port, bool ssl) => new()
    {
        ["ip"] = ip,
        ["port"] = port,
        ["ssl"] = ssl,
        ["http2"] = ssl,
        ["listener"] = ssl ? $"{ip}:{port} ssl http2" : $"{ip}:{port}",
        ["bind"] = false,
        ["deferred"] = false,
        ["reuseport"] = false,
        ["proxy_protocol"] = false,
        ["backlog=%d+"] = false,
    };

    /// <summary>
    /// health.lua:39-64: in DB-less mode configuration_hash is added and the "database" entry removed; with a database
    /// there is no hash and <c>database.reachable</c> tells whether the database answers.
    /// </summary>
    public static JsonObject Status(KongGatewayCounters c, string hash, bool databaseMode = false)
    {
        var status = Status(c, hash);
        if (databaseMode)
        {
            status.Remove("configuration_hash");
            status["database"] = new JsonObject { ["reachable"] = true };
        }

        return status;
    }

    private static JsonObject Status(KongGatewayCounters c, string hash) => new()
    {
        ["memory"] = new JsonObject
        {
            ["workers_lua_vms"] = new JsonArray(new JsonObject { ["http_allocated_gc"] = "40.12 MiB", ["pid"] = 2335 }),
            ["lua_shared_dicts"] = new JsonObject
            {
                ["kong"] = Dict("5.00 MiB", "40.00 KiB"),
                ["kong_locks"] = Dict("8.00 MiB", "60.00 KiB"),
                ["kong_healthchecks"] = Dict("5.00 MiB", "40.00 KiB"),
                ["kong_cluster_events"] = Dict("5.00 MiB", "40.00 KiB"),
                ["kong_rate_limiting_counters"] = Dict("12.00 MiB", "80.00 KiB"),
                ["kong_core_db_cache"] = Dict("128.00 MiB", "764.00 KiB"),
                ["kong_core_db_cache_miss"] = Dict("12.00 MiB", "84.00 KiB"),
                ["kong_db_cache"] = Dict("128.00 MiB", "764.00 KiB"),
                ["kong_db_cache_miss"] = Dict("12.00 MiB", "84.00 KiB"),
                ["kong_secrets"] = Dict("5.00 MiB", "40.00 KiB"),
            },
        },
        ["server"] = new JsonObject
        {
            ["connections_accepted"] = c.ConnectionsAccepted,
            ["connections_active"] = c.ConnectionsActive,
            ["connections_handled"] = c.ConnectionsHandled,
            ["connections_reading"] = c.ConnectionsReading,
            ["connections_waiting"] = c.ConnectionsWaiting,
            ["connections_writing"] = c.ConnectionsWriting,
            ["total_requests"] = c.TotalRequests,
        },
        ["configuration_hash"] = hash,
    };

    private static JsonObject Dict(string capacity, string allocated) =>
        new() { ["capacity"] = capacity, ["allocated_slabs"] = allocated };
}
