namespace KongDashboard.Core.Tests.Translation.GatewayApi;

/// <summary>Small Gateway API manifests for the translation tests.</summary>
internal static class GatewayApiYaml
{
    public const string KicController = "konghq.com/kic-gateway-controller";

    public static string Service(string name, int port = 80, string ns = "default", string annotations = "") =>
        $"""
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {name}
          namespace: {ns}
          annotations:
            x: "y" # quoted: unquoted y is a YAML 1.1 boolean, as kubectl reads it
        {Indent(annotations, 4)}spec:
          ports:
          - port: {port}
            targetPort: 8080
        """ + "\n";

    public static string Slice(string service, string ns, params string[] addresses) =>
        $"""
        ---
        apiVersion: discovery.k8s.io/v1
        kind: EndpointSlice
        metadata:
          name: {service}-slice
          namespace: {ns}
          labels:
            kubernetes.io/service-name: {service}
        addressType: IPv4
        ports:
        - port: 8080
          protocol: TCP
        endpoints:
        """ + "\n" + string.Concat(addresses.Select(a => $"- addresses: [\"{a}\"]\n  conditions:\n    ready: true\n"));

    /// <summary>An HTTPRoute; <paramref name="spec"/> lines are indented by 2 (they sit under <c>spec:</c>).</summary>
    public static string HttpRoute(string name, string spec, string ns = "default", string annotations = "") =>
        $"""
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: HTTPRoute
        metadata:
          name: {name}
          namespace: {ns}
          annotations:
            x: "y" # quoted: unquoted y is a YAML 1.1 boolean, as kubectl reads it
        {Indent(annotations, 4)}spec:
        {Indent(spec, 2)}
        """ + "\n";

    public static string GatewayClass(string name, string controller = KicController, bool unmanaged = true) =>
        $"""
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata:
          name: {name}
          annotations:
            konghq.com/gatewayclass-unmanaged: "{(unmanaged ? "true" : "")}"
        spec:
          controllerName: {controller}
        """ + "\n";

    /// <summary>A Gateway; <paramref name="listeners"/> lines are indented by 2 (list items under <c>listeners:</c>).</summary>
    public static string Gateway(string name, string className, string listeners, string ns = "default", string status = "") =>
        $"""
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata:
          name: {name}
          namespace: {ns}
        spec:
          gatewayClassName: {className}
          listeners:
        {Indent(listeners, 2)}
        """ + "\n" + (status.Length == 0 ? "" : "status:\n" + Indent(status, 2));

    public static string Indent(string text, int spaces)
    {
        if (text.Length == 0)
        {
            return "";
        }

        var pad = new string(' ', spaces);
        return string.Concat(text.TrimEnd('\n').Split('\n').Select(l => pad + l + "\n"));
    }
}
