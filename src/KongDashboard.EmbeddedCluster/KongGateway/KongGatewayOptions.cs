using System.Net;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>Settings of one in-process Kong gateway (one pod).</summary>
public sealed record KongGatewayOptions
{
    /// <summary>The pod IP; any 127.x.y.z works on Linux.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Admin API port; 0 picks a free one.</summary>
    public int Port { get; init; }

    public string Version { get; init; } = "3.9.1";

    /// <summary>"traditional_compatible" (Kong 3.x default), "traditional" or "expressions".</summary>
    public string RouterFlavor { get; init; } = "traditional_compatible";

    /// <summary>Hostname reported by <c>GET /</c>.</summary>
    public string NodeName { get; init; } = "kong";

    /// <summary>Tags → "this object is annotated test.konghq.com/broken" (KIC's test mock behaviour).</summary>
    public Func<IReadOnlyList<string>, bool>? IsBrokenEntity { get; init; }

    /// <summary>
    /// KIC's test mock (test/mocks/admin_api_handler.go): the k8s-* tag sets of the Kubernetes objects annotated
    /// test.konghq.com/broken. The first push after such an object appears is refused with one flattened error per
    /// object, whether or not any entity carries its tags (a broken Secret behind a plugin's configFrom has none).
    /// </summary>
    public Func<IReadOnlyList<IReadOnlyList<string>>>? BrokenObjects { get; init; }

    /// <summary>The clock of the load timestamps (created_at/updated_at), which also enter the configuration hash.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Fault switches (<see cref="FaultInjector.KongConfigBusy"/>); the embedded cluster shares its own.</summary>
    public FaultInjector Faults { get; init; } = new();

    /// <summary>Token, https and client-certificate requirements of the Admin API (all off by default).</summary>
    public KongAdminSecurity Security { get; init; } = KongAdminSecurity.None;

    /// <summary>
    /// Refuse requests whose Host is not this Admin API's address or localhost (DNS-rebinding defence), with the 400
    /// page nginx gives for a <c>return 400</c> (how a hardened Kong does it: an injected nginx_admin_ directive).
    /// </summary>
    public bool CheckHost { get; init; } = true;

    /// <summary>
    /// DB mode: the database this node shares with the other nodes (Kong's <c>database = postgres</c>); null is DB-less
    /// (<c>database = off</c>).
    /// </summary>
    public Database.KongDatabase? Database { get; init; }

    /// <summary>Kong's <c>db_update_frequency</c>: how often a DB-mode node picks up the other nodes' changes (default 5 s).</summary>
    public TimeSpan DbUpdateFrequency { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Delay added to every Admin API answer, to simulate a slow gateway.</summary>
    public TimeSpan? ResponseDelay { get; init; }
}
