using k8s;
using k8s.Models;
using KongDashboard.EmbeddedCluster.Store;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>The real kubectl v1.32 as an independent second client (discovery, OpenAPI, tables, apply, watch).</summary>
public sealed class KubectlTests : IClassFixture<ServerFixture>, IDisposable
{
    private readonly ServerFixture _fixture;
    private readonly IKubernetes _client;
    private readonly string _dir = Directory.CreateTempSubdirectory("kubectl-tests-").FullName;
    private readonly Kubectl _kubectl;

    public KubectlTests(ServerFixture fixture)
    {
        _fixture = fixture;
        _client = fixture.Client;
        _kubectl = new Kubectl(fixture.Server.WriteKubeconfig(Path.Combine(_dir, "kubeconfig")), Path.Combine(_dir, "cache"));
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Apply_creates_then_patches_and_get_lists_across_namespaces()
    {
        var ns = _fixture.NewNamespace("apply");
        var file = Path.Combine(_dir, "ingress.yaml");
        await File.WriteAllTextAsync(file, IngressYaml(ns, "one.example.com"));
        Assert.Contains("ingress.networking.k8s.io/demo created", await _kubectl.OkAsync("apply", "-f", file));

        await File.WriteAllTextAsync(file, IngressYaml(ns, "two.example.com"));
        Assert.Contains("ingress.networking.k8s.io/demo configured", await _kubectl.OkAsync("apply", "-f", file));
        var ingress = await _client.NetworkingV1.ReadNamespacedIngressAsync("demo", ns);
        Assert.Equal("two.example.com", ingress.Spec.Rules.Single().Host);
        Assert.Equal(2, ingress.Metadata.Generation);
        Assert.Contains("ingress.networking.k8s.io/demo unchanged", await _kubectl.OkAsync("apply", "-f", file));

        await File.WriteAllTextAsync(file, IngressYaml(ns, "three.example.com"));
        Assert.Contains("three.example.com", await _kubectl.OkAsync("apply", "-f", file, "--dry-run=server", "-o", "yaml"));
        Assert.Contains("(server dry run)", await _kubectl.OkAsync("delete", "ingress", "demo", "-n", ns, "--dry-run=server"));
        Assert.Equal("two.example.com", (await _client.NetworkingV1.ReadNamespacedIngressAsync("demo", ns)).Spec.Rules.Single().Host);

        var all = await _kubectl.OkAsync("get", "ingresses", "-A");
        Assert.Matches(@"NAMESPACE\s+NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE", all);
        Assert.Matches($@"{ns}\s+demo\s+kong\s+two\.example\.com", all);
        Assert.Matches(@"shop\s+secure-shop\s+kong\s+secure\.shop\.example\.com\s+80, 443", all);
    }

    [Fact]
    public async Task Apply_works_for_custom_resources_with_merge_patch()
    {
        var ns = _fixture.NewNamespace("crd");
        var file = Path.Combine(_dir, "plugin.yaml");
        await File.WriteAllTextAsync(file, PluginYaml(ns, 10));
        Assert.Contains("kongplugin.configuration.konghq.com/limit created", await _kubectl.OkAsync("apply", "-f", file));
        await File.WriteAllTextAsync(file, PluginYaml(ns, 20));
        Assert.Contains("configured", await _kubectl.OkAsync("apply", "-f", file));
        Assert.Equal(20, _fixture.Server.Store.Get("KongPlugin", ns, "limit")["config"]!["minute"].AsInt());
        Assert.Matches(@"limit\s+rate-limiting", await _kubectl.OkAsync("get", "kp", "-n", ns));
    }

    [Fact]
    public async Task Get_watch_prints_a_line_when_another_client_changes_the_object()
    {
        var ns = _fixture.NewNamespace("watch");
        await _client.NetworkingV1.CreateNamespacedIngressAsync(new V1Ingress
        {
            Metadata = new V1ObjectMeta { Name = "watched" },
            Spec = new V1IngressSpec { IngressClassName = "kong", Rules = [new V1IngressRule { Host = "before.example.com" }] },
        }, ns);

        // -v=6 logs kubectl's requests to stderr, shown if the awaited line never comes.
        using var watch = _kubectl.Start("get", "ingress", "watched", "-n", ns, "-w", "-v=6");
        await watch.WaitForLineAsync(l => l.Contains("before.example.com"));

        // kubectl prints the object from a GET, then opens its watch at resourceVersion 0 and skips that watch's
        // initial ADDED event (it duplicates what was printed). A change made in between is folded into that skipped
        // event — kubectl's own race, real API server or not — so change the object until the watch shows a change.
        for (var attempt = 1; ; attempt++)
        {
            await _client.NetworkingV1.PatchNamespacedIngressAsync(
                new V1Patch("{\"spec\":{\"rules\":[{\"host\":\"after-" + attempt + ".example.com\"}]}}", V1Patch.PatchType.MergePatch), "watched", ns);
            try
            {
                var line = await watch.WaitForLineAsync(l => l.Contains("after-", StringComparison.Ordinal), TimeSpan.FromSeconds(attempt < 5 ? 3 : 15));
                Assert.StartsWith("watched", line);
                return;
            }
            catch (TimeoutException) when (attempt < 5)
            {
                // The watch was not open yet: change it again.
            }
        }
    }

    [Fact]
    public async Task Annotate_scale_and_delete()
    {
        var ns = _fixture.NewNamespace("ops");
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Models.Deployment("web", 1), ns);

        Assert.Contains("deployment.apps/web annotated", await _kubectl.OkAsync("annotate", "deployment", "web", "-n", ns, "team=edge"));
        Assert.Equal("edge", (await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Metadata.Annotations["team"]);

        Assert.Contains("deployment.apps/web scaled", await _kubectl.OkAsync("scale", "deployment", "web", "-n", ns, "--replicas=3"));
        await Eventually.HoldsAsync(async () => (await _client.CoreV1.ListNamespacedPodAsync(ns, labelSelector: "app=web")).Items.Count == 3);
        await Eventually.HoldsAsync(async () => (await _kubectl.OkAsync("get", "deployment", "web", "-n", ns)).Contains("3/3"));
        var pods = await _kubectl.OkAsync("get", "pods", "-n", ns);
        Assert.Matches(@"NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE", pods);
        Assert.Equal(3, pods.Split('\n').Count(l => l.Contains("2/2") && l.Contains("Running")));

        // Typed generators (`kubectl create configmap …`) send protobuf, which is not implemented: a clean 415.
        var generator = await _kubectl.RunAsync("create", "configmap", "gen", "-n", ns, "--from-literal=a=b");
        Assert.NotEqual(0, generator.ExitCode);
        Assert.Contains("application/vnd.kubernetes.protobuf", generator.Stderr);

        Assert.Contains("deployment.apps \"web\" deleted", await _kubectl.OkAsync("delete", "deployment", "web", "-n", ns));
        var gone = await _kubectl.RunAsync("get", "deployment", "web", "-n", ns);
        Assert.NotEqual(0, gone.ExitCode);
        Assert.Contains("deployments.apps \"web\" not found", gone.Stderr);
    }

    private static string IngressYaml(string ns, string host) => $"""
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: demo
          namespace: {ns}
          annotations:
            konghq.com/strip-path: "true"
        spec:
          ingressClassName: kong
          rules:
            - host: {host}
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: storefront
                        port:
                          number: 80
        """;

    private static string PluginYaml(string ns, int minute) => $"""
        apiVersion: configuration.konghq.com/v1
        kind: KongPlugin
        metadata:
          name: limit
          namespace: {ns}
        plugin: rate-limiting
        config:
          minute: {minute}
        """;
}
