using KongDashboard.Core.GatewayApiStatus;
using KongDashboard.Core.Kubernetes.Crds.GatewayApi;
using static KongDashboard.Core.Tests.GatewayApiStatus.StatusFixtures;

namespace KongDashboard.Core.Tests.GatewayApiStatus;

public class RouteStatusTests
{
    private const string TwoListeners = """
          - name: http
            port: 80
            protocol: HTTP
            hostname: a.example.com
          - name: same-ns
            port: 80
            protocol: HTTP
            hostname: b.example.com
            allowedRoutes:
              namespaces:
                from: Same
        """;

    private static RouteStatus? Routes(string route, StatusSettings? settings = null, string listeners = TwoListeners)
    {
        var snapshot = Snapshot(Gateway(listeners), route);
        var update = DesiredStatuses.Compute(snapshot, settings ?? Settings, Now).SingleOrDefault(u => u.Kind == "HTTPRoute");
        return (RouteStatus?)update?.Status;
    }

    private static string Condition(RouteStatus? status, string type, int parent = 0)
    {
        var c = status!.Parents![parent].Conditions!.Single(c => c.Type == type);
        return $"{c.Status}/{c.Reason}/{c.Message}/{c.ObservedGeneration}";
    }

    [Fact]
    public void AcceptedWhenAListenerPassesEveryTest()
    {
        var status = Routes(HttpRoute("  - name: gw", hostnames: "hostnames: [a.example.com]"));
        var parent = Assert.Single(status!.Parents!);
        Assert.Equal("konghq.com/kic-gateway-controller", parent.ControllerName);
        Assert.Equal(("gateway.networking.k8s.io", "Gateway", "default", "gw", (string?)null),
            (parent.ParentRef.Group, parent.ParentRef.Kind, parent.ParentRef.Namespace, parent.ParentRef.Name, parent.ParentRef.SectionName));
        Assert.Equal("True/Accepted//5", Condition(status, "Accepted"));
        Assert.Equal("True/ResolvedRefs//5", Condition(status, "ResolvedRefs"));
        Assert.Equal("Unknown/Unknown//5", Condition(status, "Programmed"));
    }

    [Fact]
    public void NoMatchingListenerHostname() =>
        Assert.Equal("False/NoMatchingListenerHostname//5", Condition(Routes(HttpRoute("  - name: gw", hostnames: "hostnames: [c.example.com]")), "Accepted"));

    [Fact]
    public void NoMatchingParentForAnUnknownSectionName() =>
        Assert.Equal("False/NoMatchingParent//5", Condition(Routes(HttpRoute("  - name: gw\n    sectionName: nope")), "Accepted"));

    [Fact]
    public void NoMatchingParentForAPortNoListenerHas() =>
        Assert.Equal("False/NoMatchingParent//5", Condition(Routes(HttpRoute("  - name: gw\n    port: 8080")), "Accepted"));

    [Fact]
    public void NotAllowedByListenersForAnotherNamespace()
    {
        const string sameOnly = "  - name: same-ns\n    port: 80\n    protocol: HTTP\n    allowedRoutes:\n      namespaces:\n        from: Same";
        // Positive control: from the Gateway's namespace the listener accepts it.
        Assert.Equal("True/Accepted//5", Condition(Routes(HttpRoute("  - name: gw"), listeners: sameOnly), "Accepted"));
        Assert.Equal("False/NotAllowedByListeners//5",
            Condition(Routes(HttpRoute("  - name: gw\n    namespace: default", ns: "other"), listeners: sameOnly), "Accepted"));
    }

    [Fact]
    public void ASectionNameOfAListenerThatRejectsTheNamespaceIsNoMatchingParent() =>
        // KIC's order: the other listener passes the first tests and only fails the name, so NoMatchingParent wins.
        Assert.Equal("False/NoMatchingParent//5",
            Condition(Routes(HttpRoute("  - name: gw\n    namespace: default\n    sectionName: same-ns", ns: "other")), "Accepted"));

    [Fact]
    public void NotAllowedByListenersWhenNoListenerIsProgrammed() =>
        // The only listener asks for a port Kong does not listen on: Programmed=False.
        Assert.Equal("False/NotAllowedByListeners//5",
            Condition(Routes(HttpRoute("  - name: gw"), listeners: "  - name: odd\n    port: 8080\n    protocol: HTTP"), "Accepted"));

    [Fact]
    public void ResolvedRefsReasonsAndMessages()
    {
        Assert.Equal("False/InvalidKind/target default/x has unsupported type example.com/Thing/5",
            Condition(Routes(HttpRoute("  - name: gw", backends: "    - name: x\n      group: example.com\n      kind: Thing")), "ResolvedRefs"));
        Assert.Equal("False/BackendNotFound/target default/missing of type Service does not exist/5",
            Condition(Routes(HttpRoute("  - name: gw", backends: "    - name: missing\n      port: 80")), "ResolvedRefs"));
        var crossNamespace = HttpRoute("  - name: gw\n    namespace: default", ns: "other", backends: "    - name: web\n      namespace: default\n      port: 80");
        Assert.Equal("False/RefNotPermitted/default/web is in a different namespace than the HTTPRoute (namespace other) and no ReferenceGrant allowing reference is configured/5",
            Condition(Routes(crossNamespace), "ResolvedRefs"));
        const string grant = """
            ---
            apiVersion: gateway.networking.k8s.io/v1beta1
            kind: ReferenceGrant
            metadata:
              name: allow
              namespace: default
            spec:
              from:
              - group: gateway.networking.k8s.io
                kind: HTTPRoute
                namespace: other
              to:
              - group: ""
                kind: Service
            """;
        Assert.Equal("True/ResolvedRefs//5", Condition(Routes(crossNamespace + "\n" + grant), "ResolvedRefs"));
    }

    [Fact]
    public void ProgrammedFollowsTheLastConfigurationOutcome()
    {
        var route = HttpRoute("  - name: gw");
        Assert.Equal("True/ConfiguredInGateway//5", Condition(Routes(route, Settings with { Outcome = (_, _) => ProgrammedOutcome.ConfiguredInGateway }), "Programmed"));
        Assert.Equal("False/TranslationError//5", Condition(Routes(route, Settings with { Outcome = (_, _) => ProgrammedOutcome.TranslationError }), "Programmed"));
    }

    [Fact]
    public void OtherControllersEntriesAreKeptAndOursForRemovedParentsDropped()
    {
        const string observed = """
            status:
              parents:
              - controllerName: example.com/other
                parentRef:
                  name: elsewhere
              - controllerName: konghq.com/kic-gateway-controller
                parentRef:
                  group: gateway.networking.k8s.io
                  kind: Gateway
                  namespace: default
                  name: removed
            """;
        var status = Routes(HttpRoute("  - name: gw", status: observed));
        Assert.Equal(["example.com/other elsewhere", "konghq.com/kic-gateway-controller gw"],
            status!.Parents!.Select(p => $"{p.ControllerName} {p.ParentRef.Name}"));
    }

    [Fact]
    public void AnUnchangedStatusIsNotWrittenAgain()
    {
        var snapshot = Snapshot(Gateway(HttpListener), HttpRoute("  - name: gw"));
        var first = DesiredStatuses.Compute(snapshot, Settings, Now);
        Assert.Equal(["GatewayClass kong", "Gateway default/gw", "HTTPRoute default/route"], first.Select(u => u.ToString()));
        // Apply them as the API server would, then recompute later: nothing left to write.
        Apply(first);
        // The route's new status names the Gateway: its listener now counts one attached route (KIC's next reconcile).
        var second = DesiredStatuses.Compute(snapshot, Settings, Now.AddMinutes(1));
        Assert.Equal(["Gateway default/gw"], second.Select(u => u.ToString()));
        Apply(second);
        Assert.Empty(DesiredStatuses.Compute(snapshot, Settings, Now.AddMinutes(5)));
        // A changed outcome is written, the untouched conditions keep their lastTransitionTime.
        var again = DesiredStatuses.Compute(snapshot, Settings with { Outcome = (_, _) => ProgrammedOutcome.ConfiguredInGateway }, Now.AddMinutes(5));
        var route = (RouteStatus)Assert.Single(again).Status!;
        Assert.Equal(Now, route.Parents![0].Conditions!.Single(c => c.Type == "Accepted").LastTransitionTime);
        Assert.Equal(Now.AddMinutes(5), route.Parents![0].Conditions!.Single(c => c.Type == "Programmed").LastTransitionTime);
    }

    private static void Apply(IEnumerable<StatusUpdate> updates)
    {
        foreach (var update in updates)
        {
            switch (update.Object)
            {
                case GatewayClass c: c.Status = (GatewayClassStatus)update.Status!; break;
                case Gateway g: g.Status = (GatewayStatus)update.Status!; break;
                case HttpRoute r: r.Status = (RouteStatus)update.Status!; break;
            }
        }
    }
}
