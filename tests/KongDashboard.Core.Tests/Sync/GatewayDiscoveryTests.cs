using k8s.Models;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Sync;

namespace KongDashboard.Core.Tests.Sync;

/// <summary>Admin API endpoints from the admin Service's EndpointSlices, as KIC's internal/adminapi/endpoints.go.</summary>
public sealed class GatewayDiscoveryTests
{
    private static V1EndpointSlice Slice(params (string Name, int Port)[] ports) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "kong-admin-abc",
            NamespaceProperty = "kong",
            Uid = Guid.NewGuid().ToString(),
            Labels = new Dictionary<string, string> { ["kubernetes.io/service-name"] = "kong-admin" },
        },
        AddressType = "IPv4",
        Ports = [.. ports.Select(p => new Discoveryv1EndpointPort { Name = p.Name, Port = p.Port })],
        Endpoints =
        [
            new V1Endpoint { Addresses = ["10.0.0.1"], TargetRef = new V1ObjectReference { Kind = "Pod", Name = "kong-1", NamespaceProperty = "kong" } },
            new V1Endpoint { Addresses = ["10.0.0.2"], TargetRef = new V1ObjectReference { Kind = "Pod", Name = "kong-2", NamespaceProperty = "kong" } },
            new V1Endpoint { Addresses = ["10.0.0.3"], TargetRef = new V1ObjectReference { Kind = "Pod", Name = "kong-3", NamespaceProperty = "kong" }, Conditions = new V1EndpointConditions { Terminating = true } },
        ],
    };

    private static IReadOnlyList<GatewayEndpoint> Discover(V1EndpointSlice slice, KongSyncOptions? options = null) =>
        GatewayDiscovery.Discover(ClusterSnapshotBuilder.From([slice], out _), options ?? new KongSyncOptions { AdminService = "kong/kong-admin" });

    [Fact]
    public void A_pod_offering_a_tls_port_and_a_plain_one_is_configured_once_over_https()
    {
        var found = Discover(Slice(("admin", 8001), ("admin-tls", 8444)));

        Assert.Equal(["https://10.0.0.1:8444/", "https://10.0.0.2:8444/"], found.Select(e => e.AdminUrl.ToString()));
        Assert.All(found, e => Assert.Equal("pod.kong-admin.kong.svc", e.TlsServerName));
    }

    [Fact]
    public void A_plain_admin_port_alone_is_used_over_http()
    {
        var found = Discover(Slice(("admin", 8001), ("proxy", 8000)));

        Assert.Equal(["http://10.0.0.1:8001/", "http://10.0.0.2:8001/"], found.Select(e => e.AdminUrl.ToString()));
        Assert.All(found, e => Assert.Null(e.TlsServerName));
    }

    [Fact]
    public void KIC_default_port_names_ignore_a_plain_admin_port()
    {
        var options = new KongSyncOptions { AdminService = "kong/kong-admin", AdminPortNames = ["admin-tls", "kong-admin-tls"] };
        Assert.Equal(2, Discover(Slice(("kong-admin-tls", 8444)), options).Count); // positive control
        Assert.Empty(Discover(Slice(("admin", 8001)), options));
    }
}
