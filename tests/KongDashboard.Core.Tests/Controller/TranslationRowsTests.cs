using KongDashboard.Core.Controller;
using KongDashboard.Core.Status;
using KongDashboard.Core.Translation;
using static KongDashboard.Core.Tests.Translation.GatewayApi.GatewayApiYaml;

namespace KongDashboard.Core.Tests.Controller;

/// <summary>The Translation page's rows: one per routing object of every kind, each with the Kong routes it produced.</summary>
public sealed class TranslationRowsTests
{
    private const string TcpIngress = """
        ---
        apiVersion: configuration.konghq.com/v1beta1
        kind: TCPIngress
        metadata:
          name: db
          namespace: default
          annotations:
            kubernetes.io/ingress.class: kong
        spec:
          rules:
          - host: db.example.com
            port: 9443
            backend: {serviceName: db, servicePort: 5432}
        """ + "\n";

    private const string TcpRoute = """
        ---
        apiVersion: gateway.networking.k8s.io/v1alpha2
        kind: TCPRoute
        metadata:
          name: stream
          namespace: default
        spec:
          parentRefs: [{name: gw, sectionName: tcp}]
          rules:
          - backendRefs: [{name: svc, port: 80}]
        """ + "\n";

    private const string Ingress = """
        ---
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: web
          namespace: default
          annotations:
            kubernetes.io/ingress.class: kong
        spec:
          rules:
          - host: web.example.com
            http:
              paths:
              - path: /
                pathType: Prefix
                backend: {service: {name: svc, port: {number: 80}}}
        """ + "\n";

    private static readonly string Cluster =
        GatewayClass("kong")
        + Gateway("gw", "kong", """
            - {name: http, protocol: HTTP, port: 80}
            - {name: tcp, protocol: TCP, port: 9000}
            """)
        + Service("svc")
        // Its own Service: a TCPIngress's service is named like an Ingress's (ns.service.port) and, as in KIC's
        // mergeIngressRules, would replace it.
        + Service("db", 5432)
        + Ingress
        + TcpIngress
        + TcpRoute
        + HttpRoute("api", """
            parentRefs: [{name: gw, sectionName: http}]
            hostnames: [api.example.com]
            rules:
            - matches: [{path: {type: PathPrefix, value: /v1}, method: GET}]
              backendRefs: [{name: svc, port: 80, weight: 3}]
            """)
        // Broken: the traditional router cannot match query parameters (KIC: "query param matches are not yet supported").
        + HttpRoute("broken", """
            parentRefs: [{name: gw, sectionName: http}]
            rules:
            - matches: [{queryParams: [{name: debug, value: "1"}]}]
              backendRefs: [{name: svc, port: 80}]
            """)
        // Not ours: it names a Gateway that does not exist.
        + HttpRoute("elsewhere", """
            parentRefs: [{name: other-gateway}]
            rules:
            - backendRefs: [{name: svc, port: 80}]
            """);

    private static TranslationState Translate()
    {
        var snapshot = Tests.Translation.TranslationTestKit.Snapshot(Cluster);
        var translator = new KicSnapshotTranslator(new TranslatorOptions
        {
            GatewayControllerName = KicController,
            // TCPRoute is translated only with KIC's GatewayAlpha gate.
            FeatureGates = new FeatureGates { GatewayAlpha = true },
        });
        return translator.Translate(snapshot, 1).State;
    }

    [Fact]
    public void Every_routing_kind_has_a_row_with_the_kong_routes_it_produced()
    {
        var rows = Translate().Rows;

        Assert.Equal(
            ["Ingress default/web", "HTTPRoute default/api", "HTTPRoute default/broken", "HTTPRoute default/elsewhere", "TCPRoute default/stream", "TCPIngress default/db"],
            rows.Select(r => $"{r.Kind} {r.Key}"));
        foreach (var kind in new[] { "Ingress", "TCPRoute", "TCPIngress" })
        {
            var row = Assert.Single(rows, r => r.Kind == kind);
            Assert.Equal(TranslationOutcome.Translated, row.Status);
            Assert.NotEmpty(row.Routes);
            Assert.Contains($"k8s-kind:{kind}", row.KongYaml.Value, StringComparison.Ordinal);
            Assert.Contains($"kind: {kind}", row.SourceYaml.Value, StringComparison.Ordinal);
        }

        var api = Assert.Single(rows, r => r.Key.Name == "api");
        Assert.Equal(TranslationOutcome.Translated, api.Status);
        Assert.Equal(["api.example.com"], api.Hosts.ToArray());
        Assert.Equal(["GET /v1 (PathPrefix)"], api.Paths.ToArray());
        Assert.Equal(["svc:80 (weight 3)"], api.Backends.ToArray());
        Assert.Equal("default/gw/http", api.Class);
        Assert.Equal("HTTPRoute/default/api", api.Id);
        Assert.NotEmpty(api.Routes);
        Assert.All(api.Routes, r => Assert.Contains(r, api.KongYaml.Value, StringComparison.Ordinal));
        Assert.Equal(["db.example.com"], Assert.Single(rows, r => r.Kind == "TCPIngress").Hosts.ToArray());
        Assert.Equal("default/web", Assert.Single(rows, r => r.Kind == "Ingress").Id);
    }

    [Fact]
    public void A_broken_route_fails_and_a_route_of_no_gateway_of_ours_is_not_for_this_controller()
    {
        var state = Translate();

        var broken = Assert.Single(state.Rows, r => r.Key.Name == "broken");
        Assert.Equal(TranslationOutcome.Failed, broken.Status);
        Assert.Contains("HTTPRoute can't be routed: query param matches are not yet supported", broken.Messages);
        var elsewhere = Assert.Single(state.Rows, r => r.Key.Name == "elsewhere");
        Assert.Equal(TranslationOutcome.Ignored, elsewhere.Status);
        Assert.Empty(elsewhere.Routes);

        // The status model takes the same verdicts for every kind.
        var board = StatusBoard.Compute(state.Objects, Core.Sync.SyncState.Empty);
        Assert.Equal(ObjectState.FailedToTranslate, board.Get("HTTPRoute", "default", "broken")!.State);
        Assert.Equal(ObjectState.NotForThisController, board.Get("HTTPRoute", "default", "elsewhere")!.State);
        Assert.NotEqual(ObjectState.NotForThisController, board.Get("TCPRoute", "default", "stream")!.State);
        Assert.StartsWith("No Gateway of this controller accepts it", board.Get("HTTPRoute", "default", "elsewhere")!.Reason, StringComparison.Ordinal);
    }
}
