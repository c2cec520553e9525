using KongDashboard.Cli;

namespace KongDashboard.Core.Tests.Translation.Cli;

/// <summary>The <c>translate</c> verb with Gateway API objects: the golden HTTPRoute case and KIC's failure lines.</summary>
public class TranslateVerbGatewayApiTests
{
    private static async Task<(int Code, string Out, string Err)> Run(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await TranslateVerb.RunAsync(args, new StringReader(stdin), stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task HttpRouteGoldenCase_Translates()
    {
        var folder = GoldenCases.CaseFolder("httproute-example");
        var (code, output, err) = await Run("", "translate", "-f", Path.Combine(folder, "in.yaml"), "--feature-gates", "ExpressionRoutes=true");
        Assert.Equal(0, code);
        Assert.Empty(YamlTreeDiff.Diff(File.ReadAllText(Path.Combine(folder, "expression-routes-on_golden.yaml")), output));
        Assert.DoesNotContain("HTTPRoute", err);
    }

    [Fact]
    public async Task HttpRouteFailures_GoToStderr_AndFailOnWarningsExits2()
    {
        const string route = """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: web, namespace: shop}
            spec:
              rules:
              - matches:
                - path: {type: PathPrefix, value: /ok}
              - matches:
                - path: {type: PathPrefix, value: /mirror}
                filters:
                - type: RequestMirror
                  requestMirror: {backendRef: {name: other, port: 80}}
                backendRefs: [{name: svc, kind: Service, port: 80}]
            """;
        var (code, output, err) = await Run(route, "translate", "-f", "-", "--fail-on-warnings");
        Assert.Equal(2, code);
        Assert.Contains("HTTPRoute shop/web: HTTPRoute can't be routed: httpFilter RequestMirror unsupported", err);
        // The rule without the bad filter is still in the configuration.
        Assert.Contains("httproute.shop.web.0.0", output);
        Assert.DoesNotContain("httproute.shop.web.1", output);
    }
}
