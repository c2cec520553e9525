using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Tests.Translation;

/// <summary>Property: an incremental translator fed a stream of snapshots gives exactly what a fresh translator gives.</summary>
public class IncrementalTranslationTests
{
    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    public void IncrementalEqualsFresh_OnRandomEdits(int seed, bool expressions)
    {
        var options = new TranslatorOptions { FeatureGates = FeatureGates.Default with { ExpressionRoutes = expressions } };
        var random = new Random(seed);
        var snapshot = SyntheticCluster.Generate(60, seed);
        var incremental = new Translator(options);
        incremental.Translate(snapshot);
        for (var step = 0; step < 60; step++)
        {
            snapshot = Edit(snapshot, random);
            var inc = incremental.Translate(snapshot);
            var fresh = new Translator(options).Translate(snapshot);
            Assert.Equal(KongConfigSerializer.ToJson(fresh.Config), KongConfigSerializer.ToJson(inc.Config));
            Assert.Equal(fresh.Failures.Select(f => f.ToString()), inc.Failures.Select(f => f.ToString()));
        }
    }

    /// <summary>
    /// Several edits between translations, sibling snapshots (as the benchmark alternates), and relists (sets not
    /// derived by edits) exercise every way the translator's graph can learn what changed.
    /// </summary>
    [Theory]
    [InlineData(4, false)]
    [InlineData(5, true)]
    public void IncrementalEqualsFresh_OnBatchesSiblingsAndRelists(int seed, bool expressions)
    {
        var options = new TranslatorOptions { FeatureGates = FeatureGates.Default with { ExpressionRoutes = expressions } };
        var random = new Random(seed);
        var snapshot = SyntheticCluster.Generate(60, seed);
        var incremental = new Translator(options);
        incremental.Translate(snapshot);
        for (var step = 0; step < 40; step++)
        {
            var basis = snapshot;
            for (var edits = random.Next(1, 6); edits > 0; edits--)
            {
                snapshot = Edit(snapshot, random);
            }

            switch (step % 4)
            {
                case 1: // translate a sibling of the next snapshot first
                    incremental.Translate(Edit(basis, random));
                    break;
                case 3: // relist: same objects, sets rebuilt from scratch
                    snapshot = snapshot
                        .With(WatchedKinds.Ingresses, KindSet<V1Ingress>.From(snapshot.Ingresses))
                        .With(WatchedKinds.Services, KindSet<V1Service>.From(snapshot.Services))
                        .With(WatchedKinds.EndpointSlices, KindSet<V1EndpointSlice>.From(snapshot.EndpointSlices));
                    break;
            }
            var inc = incremental.Translate(snapshot);
            var fresh = new Translator(options).Translate(snapshot);
            Assert.Equal(KongConfigSerializer.ToJson(fresh.Config), KongConfigSerializer.ToJson(inc.Config));
            Assert.Equal(fresh.Failures.Select(f => f.ToString()), inc.Failures.Select(f => f.ToString()));
        }
    }

    internal static ClusterSnapshot Edit(ClusterSnapshot s, Random random)
    {
        var ingresses = s.Ingresses.OrderBy(i => ObjectKey.Of(i.Metadata)).ToList();
        var services = s.Services.OrderBy(i => ObjectKey.Of(i.Metadata)).ToList();
        var pick = ingresses.Count > 0 ? ingresses[random.Next(ingresses.Count)] : null;
        switch (random.Next(10))
        {
            case 0 when pick is not null: // change path and annotations
                var changed = SyntheticCluster.Ingress(pick.Metadata.NamespaceProperty, pick.Metadata.Name, pick.Spec.Rules[0].Http.Paths[0].Backend.Service.Name, random.Next(3));
                changed.Metadata.Annotations["konghq.com/methods"] = random.Next(2) == 0 ? "GET" : "POST,PUT";
                return s.With(WatchedKinds.Ingresses, s.Ingresses.Set(changed));
            case 1 when pick is not null:
                return s.With(WatchedKinds.Ingresses, s.Ingresses.Remove(ObjectKey.Of(pick.Metadata)));
            case 2 when pick is not null: // point at another (maybe missing) service
                var other = SyntheticCluster.Ingress(pick.Metadata.NamespaceProperty, pick.Metadata.Name, "app-" + random.Next(80), 0);
                return s.With(WatchedKinds.Ingresses, s.Ingresses.Set(other));
            case 3:
                var svc = services[random.Next(services.Count)];
                var annotated = SyntheticCluster.Service(svc.Metadata.NamespaceProperty, svc.Metadata.Name);
                annotated.Metadata.Annotations = new Dictionary<string, string> { ["konghq.com/retries"] = random.Next(10).ToString(System.Globalization.CultureInfo.InvariantCulture) };
                return s.With(WatchedKinds.Services, s.Services.Set(annotated));
            case 4:
                var target = services[random.Next(services.Count)];
                return s.With(WatchedKinds.EndpointSlices, s.EndpointSlices.Set(SyntheticCluster.Slice(target.Metadata.NamespaceProperty, target.Metadata.Name, random.Next(0, 4), random.Next(1000))));
            case 5:
                var gone = services[random.Next(services.Count)];
                return s.With(WatchedKinds.Services, s.Services.Remove(ObjectKey.Of(gone.Metadata)));
            case 6: // a new Ingress with a default backend and TLS
                var name = "new-" + random.Next(1000);
                var ingress = SyntheticCluster.Ingress("ns-1", name, "app-1", 1);
                ingress.Spec.DefaultBackend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "app-1", Port = new V1ServiceBackendPort { Number = 80 } } };
                ingress.Spec.Tls = [new V1IngressTLS { Hosts = [name + ".example.com"], SecretName = "missing-secret" }];
                ingress.Metadata.CreationTimestamp = new DateTime(2024, 1, 1).AddMinutes(random.Next(100));
                return s.With(WatchedKinds.Ingresses, s.Ingresses.Set(ingress));
            case 7: // a Service starts or stops using a KongIngress override
                var overridden = services[random.Next(services.Count)];
                var withOverride = SyntheticCluster.Service(overridden.Metadata.NamespaceProperty, overridden.Metadata.Name);
                if (random.Next(3) > 0)
                {
                    withOverride.Metadata.Annotations = new Dictionary<string, string> { ["konghq.com/override"] = "tuned-" + random.Next(2) };
                }
                return s.With(WatchedKinds.Services, s.Services.Set(withOverride));
            case 8: // a KongIngress appears, changes or goes away
                // Prefer a KongIngress some Service names, so the edit changes output.
                var users = services.Where(x => x.Metadata.Annotations?.ContainsKey("konghq.com/override") == true).ToList();
                var user = users.Count > 0 ? users[random.Next(users.Count)] : services[random.Next(services.Count)];
                var ns = user.Metadata.NamespaceProperty ?? "";
                var kongIngressName = user.Metadata.Annotations is { } a && a.TryGetValue("konghq.com/override", out var used) ? used : "tuned-" + random.Next(2);
                var kongIngresses = s.Get(WatchedKinds.KongIngresses);
                if (random.Next(3) == 0)
                {
                    return s.With(WatchedKinds.KongIngresses, kongIngresses.Remove(new ObjectKey(ns, kongIngressName)));
                }
                var kongIngress = new KongIngress
                {
                    Metadata = new V1ObjectMeta { Name = kongIngressName, NamespaceProperty = ns },
                    Upstream = new System.Text.Json.Nodes.JsonObject { ["slots"] = random.Next(10, 1000), ["algorithm"] = "least-connections" },
                };
                return s.With(WatchedKinds.KongIngresses, kongIngresses.Set(kongIngress));
            default:
                return s with { Version = s.Version + 1 };
        }
    }
}
