using System.Collections.Concurrent;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Tests.Support;
using KongDashboard.Core.Tests.Translation;
using Microsoft.Extensions.Logging.Abstractions;
using YamlDotNet.RepresentationModel;

namespace KongDashboard.Core.Tests.Controller;

/// <summary>deploy/ grants exactly the API calls the product makes: every one it makes, and nothing more.</summary>
public sealed class RbacTests
{
    [Fact]
    public void Deploy_grants_exactly_the_declared_api_calls()
    {
        var granted = DeployGrants();
        Assert.Contains(new ApiGrant("networking.k8s.io", "ingresses", "watch"), granted); // the files were read

        var missing = ApiGrants.Required.Except(granted).Select(g => g.ToString()).Order().ToList();
        var extra = granted.Except(ApiGrants.Required).Select(g => g.ToString()).Order().ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"deploy/ RBAC differs from ApiGrants.Required.\n  not granted: {string.Join(", ", missing)}\n  granted but unused: {string.Join(", ", extra)}");
    }

    [Fact]
    public async Task Every_call_a_running_controller_makes_is_declared()
    {
        await using var cluster = await TestCluster.StartAsync();
        var calls = new ConcurrentBag<ApiGrant>();
        cluster.Server.Faults.FailNext(r =>
        {
            if (GrantOf(r.Method, r.Path, r.IsWatch) is { } grant)
            {
                calls.Add(grant);
            }
            return false;
        }, int.MaxValue);
        var connection = new ClusterConnection(ClusterMode.Embedded, cluster.Server.BaseAddress.ToString(), null, ControllerRole.Active);
        await using var instance = new ControllerInstance(new ControllerInstanceOptions { InstanceId = "rbac-0", Connection = connection }, cluster.Client, NullLoggerFactory.Instance);
        instance.Start();
        await Eventually.True(() => instance.State.Current.Cache.Synced, "caches synced");
        await Eventually.True(() => calls.Any(c => c.Verb == "watch" && c.Resource == "ingresses"), "the Ingress watch");

        var undeclared = calls.Distinct().Where(c => !ApiGrants.Required.Contains(c)).Select(c => c.ToString()).ToList();
        Assert.Empty(undeclared);
        foreach (var kind in WatchedKinds.All)
        {
            Assert.Contains(new ApiGrant(kind.Group, kind.Plural, "list"), calls);
        }
    }

    /// <summary>/api/v1/…, /apis/group/version/…, [namespaces/ns/]resource[/name] → the RBAC grant the request needs.</summary>
    private static ApiGrant? GrantOf(string method, string path, bool watch)
    {
        var parts = path.Trim('/').Split('/');
        int rest;
        string group;
        if (parts.Length >= 2 && parts[0] == "api")
        {
            (group, rest) = ("", 2);
        }
        else if (parts.Length >= 3 && parts[0] == "apis")
        {
            (group, rest) = (parts[1], 3);
        }
        else
        {
            return null; // discovery, version, OpenAPI: not authorized per resource
        }
        var tail = parts[rest..];
        if (tail.Length >= 2 && tail[0] == "namespaces" && tail.Length > 2)
        {
            tail = tail[2..];
        }
        if (tail.Length == 0)
        {
            return null;
        }
        var named = tail.Length >= 2;
        var verb = method switch
        {
            "GET" when watch => "watch",
            "GET" => named ? "get" : "list",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => named ? "delete" : "deletecollection",
            _ => method.ToLowerInvariant(),
        };
        return new ApiGrant(group, tail[0], verb);
    }

    private static HashSet<ApiGrant> DeployGrants()
    {
        var grants = new HashSet<ApiGrant>();
        var deploy = Path.Combine(GoldenCases.RepoRoot()!, "deploy", "base");
        foreach (var file in Directory.GetFiles(deploy, "rbac-*.yaml"))
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(file)));
            foreach (var doc in stream.Documents)
            {
                if (doc.RootNode is not YamlMappingNode root || !root.Children.TryGetValue("rules", out var rules))
                {
                    continue;
                }
                foreach (var rule in ((YamlSequenceNode)rules).Cast<YamlMappingNode>())
                {
                    foreach (var group in Strings(rule, "apiGroups"))
                    {
                        foreach (var resource in Strings(rule, "resources"))
                        {
                            foreach (var verb in Strings(rule, "verbs"))
                            {
                                grants.Add(new ApiGrant(group, resource, verb));
                            }
                        }
                    }
                }
            }
        }
        return grants;
    }

    private static IEnumerable<string> Strings(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(key, out var value) ? ((YamlSequenceNode)value).Select(v => ((YamlScalarNode)v).Value ?? "") : [];
}
