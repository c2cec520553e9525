using KongDashboard.Core.GatewayApiStatus;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;
using static KongDashboard.Core.Tests.GatewayApiStatus.StatusFixtures;

namespace KongDashboard.Core.Tests.GatewayApiStatus;

public class GatewayClassAndGatewayStatusTests
{
    private static string Cond(IEnumerable<k8s.Models.V1Condition>? conditions) =>
        string.Join(";", (conditions ?? []).Select(c => $"{c.Type}={c.Status}/{c.Reason}/{c.Message}/{c.ObservedGeneration}"));

    [Fact]
    public void ControlledClassIsAcceptedAndOthersAreLeftAlone()
    {
        var snapshot = Snapshot();
        var classes = snapshot.Get(WatchedKinds.GatewayClasses);
        var ours = GatewayClassStatuses.Desired(classes.Get("", "kong")!, Settings, Now);
        Assert.Equal("Accepted=True/Accepted/the gatewayclass has been accepted by the controller/2", Cond(ours!.Conditions));
        Assert.Null(GatewayClassStatuses.Desired(classes.Get("", "other")!, Settings, Now));
    }

    private static GatewayStatus StatusOf(string listeners)
    {
        var snapshot = Snapshot(Gateway(listeners));
        return GatewayStatuses.Desired(snapshot, snapshot.Get(WatchedKinds.Gateways).Get("default", "gw")!, Settings, Now);
    }

    private static ListenerStatus Listener(GatewayStatus status, string name) => Assert.Single(status.Listeners!, l => l.Name == name);

    [Fact]
    public void UnmanagedGatewayIsAcceptedProgrammedWithLoadBalancerAddressesReversed()
    {
        var status = StatusOf(HttpListener);
        Assert.Equal("Accepted=True/Accepted/" + GatewayStatuses.AcceptedMessage + "/3;Programmed=True/Programmed//3", Cond(status.Conditions));
        Assert.Equal(["Hostname=lb.example.com", "IPAddress=192.0.2.10"], status.Addresses!.Select(a => $"{a.Type}={a.Value}"));
        var http = Listener(status, "http");
        Assert.Equal("Accepted=True/Accepted//3;Conflicted=False/NoConflicts//3;Programmed=True/Programmed//3;ResolvedRefs=True/ResolvedRefs//3", Cond(http.Conditions));
        Assert.Equal(["HTTPRoute", "GRPCRoute"], http.SupportedKinds!.Select(k => k.Kind));
    }

    [Fact]
    public void WithoutThePublishServiceTheGatewayIsPending()
    {
        var snapshot = Snapshot(Gateway(HttpListener));
        var gateway = snapshot.Get(WatchedKinds.Gateways).Get("default", "gw")!;
        var status = GatewayStatuses.Desired(snapshot, gateway, Settings with { PublishService = "kong/missing" }, Now);
        Assert.Equal("Accepted=True/Accepted/" + GatewayStatuses.AcceptedMessage + "/3;Programmed=False/Pending//3", Cond(status.Conditions));
    }

    [Fact]
    public void ThePublishServiceAnnotationIsWrittenFirst()
    {
        var snapshot = Snapshot(Gateway(HttpListener).Replace("    konghq.com/publish-service: kong/kong-proxy\n", "    other: x\n"));
        var updates = DesiredStatuses.Compute(snapshot, Settings, Now);
        var gatewayUpdate = Assert.Single(updates, u => u.Kind == "Gateway");
        Assert.Equal("kong/kong-proxy", gatewayUpdate.PublishService);
        Assert.Null(gatewayUpdate.Status);
        // Positive control: annotated, the same Gateway gets its status instead.
        var annotated = DesiredStatuses.Compute(Snapshot(Gateway(HttpListener)), Settings, Now);
        Assert.NotNull(Assert.Single(annotated, u => u.Kind == "Gateway").Status);
    }

    [Fact]
    public void UnsupportedProtocolAndPortUnavailable()
    {
        var status = StatusOf("""
              - name: tls
                port: 9443
                protocol: TLS
              - name: http-odd
                port: 8080
                protocol: HTTP
            """);
        Assert.Equal("Accepted=False/UnsupportedProtocol/" + GatewayStatuses.UnsupportedProtocolMessage + "/3;Programmed=False/Invalid//3", Cond(Listener(status, "tls").Conditions));
        Assert.Equal("Accepted=False/PortUnavailable/" + GatewayStatuses.PortUnavailableMessage + "/3;Programmed=False/Invalid//3", Cond(Listener(status, "http-odd").Conditions));
    }

    [Fact]
    public void ProtocolConflictMarksEveryListenerOnThePort()
    {
        var status = StatusOf("""
              - name: a
                port: 80
                protocol: HTTP
              - name: b
                port: 80
                protocol: TCP
            """);
        Assert.Equal("Accepted=True/Accepted//3;Conflicted=True/ProtocolConflict//3;Programmed=False/Invalid//3;ResolvedRefs=True/ResolvedRefs//3", Cond(Listener(status, "a").Conditions));
        Assert.StartsWith("Accepted=False/PortUnavailable", Cond(Listener(status, "b").Conditions));
        Assert.Contains("Conflicted=True/ProtocolConflict", Cond(Listener(status, "b").Conditions));
    }

    [Fact]
    public void HostnameConflictMarksTheListenersWithThatHostname()
    {
        var status = StatusOf("""
              - name: a
                port: 80
                protocol: HTTP
                hostname: x.example.com
              - name: b
                port: 80
                protocol: HTTP
                hostname: x.example.com
              - name: c
                port: 80
                protocol: HTTP
                hostname: y.example.com
            """);
        Assert.Contains("Conflicted=True/HostnameConflict", Cond(Listener(status, "a").Conditions));
        Assert.Contains("Conflicted=True/HostnameConflict", Cond(Listener(status, "b").Conditions));
        Assert.Contains("Conflicted=False/NoConflicts", Cond(Listener(status, "c").Conditions));
    }

    [Fact]
    public void ExplicitKindsOutsideTheSupportedOnesAreInvalidRouteKinds()
    {
        var status = StatusOf("""
              - name: a
                port: 80
                protocol: HTTP
                allowedRoutes:
                  kinds:
                  - group: gateway.networking.k8s.io
                    kind: GRPCRoute
                  - group: gateway.networking.k8s.io
                    kind: HTTPRoute
            """);
        var a = Listener(status, "a");
        Assert.Equal(["HTTPRoute"], a.SupportedKinds!.Select(k => k.Kind));
        Assert.Equal("Accepted=True/Accepted//3;Programmed=False/Invalid//3;ResolvedRefs=False/InvalidRouteKinds//3", Cond(a.Conditions));
    }

    [Fact]
    public void AttachedRoutesCountsHttpRoutesWhoseStatusNamesTheGateway()
    {
        const string parentStatus = """
            status:
              parents:
              - controllerName: konghq.com/kic-gateway-controller
                parentRef:
                  name: gw
            """;
        var snapshot = Snapshot(Gateway(HttpListener),
            HttpRoute("  - name: gw", name: "attached", status: parentStatus),
            HttpRoute("  - name: gw", name: "no-status-yet"));
        var status = GatewayStatuses.Desired(snapshot, snapshot.Get(WatchedKinds.Gateways).Get("default", "gw")!, Settings, Now);
        Assert.Equal(1, Listener(status, "http").AttachedRoutes);
    }
}
