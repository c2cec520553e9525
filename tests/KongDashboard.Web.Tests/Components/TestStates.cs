using System.Collections.Immutable;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Status;

namespace KongDashboard.Web.Tests.Components;

/// <summary>Builds realistic controller states for component tests (and nothing touches Kubernetes).</summary>
internal static class TestStates
{
    public static readonly ClusterConnection Demo = new(ClusterMode.Embedded, "https://127.0.0.1:6443", null, ControllerRole.Active);

    public static readonly ClusterConnection Real = new(ClusterMode.Kubeconfig, "https://k8s.prod.example:6443", "prod-eu", ControllerRole.Observer, "/home/me/.kube/config");

    public static TranslationRow Ingress(string ns, string name, TranslationOutcome status = TranslationOutcome.Translated, string? host = null, params string[] messages)
    {
        host ??= $"{name}.example.com";
        var routes = status == TranslationOutcome.Ignored ? ImmutableArray<string>.Empty : [$"{ns}.{name}.{host}.00"];
        return new TranslationRow(
            new ObjectKey(ns, name),
            status == TranslationOutcome.Ignored ? "nginx" : "kong",
            DateTimeOffset.UtcNow.AddHours(-1),
            [host],
            ["/", "/api"],
            [$"{name}-svc:80"],
            routes,
            status,
            [.. messages],
            new Lazy<string>(() => $"apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {name}\n  namespace: {ns}\nspec:\n  rules:\n  - host: {host}\n"),
            new Lazy<string>(() => $"services:\n- name: {ns}.{name}-svc.80\n  routes:\n  - name: {ns}.{name}.{host}.00\n    hosts:\n    - {host}\n"));
    }

    public static ControllerState State(ClusterConnection connection, long version, params TranslationRow[] ingresses)
    {
        var failures = ingresses.Where(i => i.Status == TranslationOutcome.Failed)
            .Select(i => new FailureRow(i.Messages.FirstOrDefault() ?? "failed",
                [new ObjectRef("networking.k8s.io", "v1", "Ingress", i.Key.Namespace, i.Key.Name)]))
            .ToImmutableArray();
        var now = DateTimeOffset.UtcNow;
        return new ControllerState(
            version,
            now,
            "kong-dashboard-0",
            connection,
            new CacheStatus(true, version * 10, now, [
                new ReflectorStatus("Ingress", true, ingresses.Length, "1234", now, 0, null),
                new ReflectorStatus("Service", true, 7, "1200", now.AddSeconds(-30), 1, null),
                new ReflectorStatus("KongPlugin", true, 2, "1100", null, 0, null),
            ]),
            new TranslationState(version, version * 10, now, TimeSpan.FromMilliseconds(12.5), [.. ingresses], failures,
                new KongEntityCounts(ingresses.Length, ingresses.Sum(i => i.Routes.Length), ingresses.Length, ingresses.Length, 1, 2, 0))
            {
                Objects = [.. TranslatedObjects.FromRows(ingresses)],
            }).WithStatus();
    }
}
