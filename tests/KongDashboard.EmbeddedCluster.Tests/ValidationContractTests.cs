using System.Net;
using k8s;
using k8s.Models;
using KongDashboard.EmbeddedCluster.Tests.TestSupport;
using static KongDashboard.EmbeddedCluster.Tests.TestSupport.Failures;

namespace KongDashboard.EmbeddedCluster.Tests;

/// <summary>
/// Validation as kube-apiserver 1.32 answers it: 422 Status with reason Invalid, the Kind[.group] in the message and in
/// details.kind, one cause per field error (real-systems.md B5, B6.1).
/// </summary>
public sealed class ValidationContractTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string SubdomainMessage =
        "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private readonly IKubernetes _client = fixture.Client;

    [Fact]
    public async Task Ingress_without_pathType_is_422_with_the_real_envelope()
    {
        var ns = fixture.NewNamespace();
        var ingress = Ingress("demo", pathType: null, path: "/");
        var status = await FailsWith(HttpStatusCode.UnprocessableEntity, () => _client.NetworkingV1.CreateNamespacedIngressAsync(ingress, ns));

        Assert.Equal("Failure", status.Status);
        Assert.Equal("Invalid", status.Reason);
        Assert.Equal("Ingress.networking.k8s.io \"demo\" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified", status.Message);
        Assert.Equal("demo", status.Details.Name);
        Assert.Equal("networking.k8s.io", status.Details.Group);
        Assert.Equal("Ingress", status.Details.Kind);
        var cause = Assert.Single(status.Details.Causes);
        Assert.Equal("FieldValueRequired", cause.Reason);
        Assert.Equal("Required value: pathType must be specified", cause.Message);
        Assert.Equal("spec.rules[0].http.paths[0].pathType", cause.Field);
        // Positive control: the same Ingress with a pathType is accepted.
        ingress.Spec.Rules[0].Http.Paths[0].PathType = "Prefix";
        await _client.NetworkingV1.CreateNamespacedIngressAsync(ingress, ns);
    }

    [Fact]
    public async Task Ingress_relative_Prefix_path_and_bad_backend_collect_several_causes()
    {
        var ns = fixture.NewNamespace();
        var ingress = Ingress("rel", "Prefix", "api//v1");
        ingress.Spec.Rules[0].Http.Paths[0].Backend.Service.Port = new V1ServiceBackendPort { Name = "http", Number = 80 };
        var status = await FailsWith(HttpStatusCode.UnprocessableEntity, () => _client.NetworkingV1.CreateNamespacedIngressAsync(ingress, ns));

        Assert.Equal(
            "Ingress.networking.k8s.io \"rel\" is invalid: [spec.rules[0].http.paths[0].path: Invalid value: \"api//v1\": must be an absolute path, " +
            "spec.rules[0].http.paths[0].path: Invalid value: \"api//v1\": must not contain '//', " +
            "spec.rules[0].http.paths[0].backend: Invalid value: \"\": cannot set both port name & port number]",
            status.Message);
        Assert.Equal(["FieldValueInvalid", "FieldValueInvalid", "FieldValueInvalid"], status.Details.Causes.Select(c => c.Reason));
        Assert.Equal("spec.rules[0].http.paths[0].backend", status.Details.Causes[2].Field);
    }

    [Fact]
    public async Task Ingress_unknown_pathType_is_NotSupported_and_IP_host_refused()
    {
        var ns = fixture.NewNamespace();
        var ingress = Ingress("x", "Regex", "/");
        ingress.Spec.Rules[0].Host = "10.0.0.1";
        var status = await FailsWith(HttpStatusCode.UnprocessableEntity, () => _client.NetworkingV1.CreateNamespacedIngressAsync(ingress, ns));
        Assert.Contains("spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address", status.Message);
        Assert.Contains("spec.rules[0].http.paths[0].pathType: Unsupported value: \"Regex\": supported values: \"Exact\", \"ImplementationSpecific\", \"Prefix\"", status.Message);
        Assert.Contains(status.Details.Causes, c => c.Reason == "FieldValueNotSupported");
    }

    [Fact]
    public async Task Names_with_a_slash_or_capitals_are_refused_by_the_kinds_name_rule()
    {
        var ns = fixture.NewNamespace();
        var status = await FailsWith(HttpStatusCode.UnprocessableEntity,
            () => _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "a/b" } }, ns));
        Assert.Equal($"ConfigMap \"a/b\" is invalid: metadata.name: Invalid value: \"a/b\": {SubdomainMessage}", status.Message);
        Assert.Null(status.Details.Group);
        Assert.Equal("ConfigMap", status.Details.Kind);

        // Services are DNS-1035 labels: no leading digit, no dots.
        var service = await FailsWith(HttpStatusCode.UnprocessableEntity, () => _client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service { Metadata = new V1ObjectMeta { Name = "1web" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] } }, ns));
        Assert.Equal("Service \"1web\" is invalid: metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
            service.Message);

        // Namespaces are DNS-1123 labels: a valid subdomain with dots gets the short message.
        var namespaceStatus = await FailsWith(HttpStatusCode.UnprocessableEntity,
            () => _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "a.b" } }));
        Assert.Equal("Namespace \"a.b\" is invalid: metadata.name: Invalid value: \"a.b\": must not contain dots", namespaceStatus.Message);
    }

    [Fact]
    public async Task Label_and_annotation_keys_and_values_are_checked()
    {
        var ns = fixture.NewNamespace();
        var meta = new V1ObjectMeta
        {
            Name = "labels",
            Labels = new Dictionary<string, string> { ["ok"] = "-bad" },
            Annotations = new Dictionary<string, string> { ["a/b/c"] = "x" },
        };
        var status = await FailsWith(HttpStatusCode.UnprocessableEntity, () => _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = meta }, ns));
        Assert.Contains("metadata.labels: Invalid value: \"-bad\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')", status.Message);
        Assert.Contains("metadata.annotations: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')", status.Message);
        Assert.Equal(["metadata.annotations", "metadata.labels"], status.Details.Causes.Select(c => c.Field).Order());

        var big = new V1ObjectMeta { Name = "big", Annotations = new Dictionary<string, string> { ["k"] = new string('x', 262_144) } };
        var tooLong = await FailsWith(HttpStatusCode.UnprocessableEntity, () => _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = big }, ns));
        Assert.Equal("ConfigMap \"big\" is invalid: metadata.annotations: Too long: may not be more than 262144 bytes", tooLong.Message);
    }

    [Fact]
    public async Task Update_cannot_change_uid_and_patch_cannot_rename()
    {
        var ns = fixture.NewNamespace();
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "immutable" } }, ns);
        var patch = new V1Patch("{\"metadata\":{\"uid\":\"00000000-0000-0000-0000-000000000001\"}}", V1Patch.PatchType.MergePatch);
        var status = await FailsWith(HttpStatusCode.UnprocessableEntity, () => _client.CoreV1.PatchNamespacedConfigMapAsync(patch, "immutable", ns));
        Assert.Equal("ConfigMap \"immutable\" is invalid: metadata.uid: Invalid value: \"00000000-0000-0000-0000-000000000001\": field is immutable", status.Message);

        created.Metadata.Uid = "00000000-0000-0000-0000-000000000002";
        var put = await FailsWith(HttpStatusCode.Conflict, () => _client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "immutable", ns));
        Assert.Contains("Precondition failed: UID in precondition:", put.Message);
    }

    [Fact]
    public async Task Service_defaults_and_rules()
    {
        var ns = fixture.NewNamespace();
        var noPorts = await FailsWith(HttpStatusCode.UnprocessableEntity,
            () => _client.CoreV1.CreateNamespacedServiceAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new V1ServiceSpec() }, ns));
        Assert.Equal("Service \"web\" is invalid: spec.ports: Required value", noPorts.Message);

        var twoUnnamed = new V1Service { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }, new V1ServicePort { Port = 0 }] } };
        var ports = await FailsWith(HttpStatusCode.UnprocessableEntity, () => _client.CoreV1.CreateNamespacedServiceAsync(twoUnnamed, ns));
        Assert.Contains("spec.ports[0].name: Required value", ports.Message);
        Assert.Contains("spec.ports[1].port: Invalid value: 0: must be between 1 and 65535, inclusive", ports.Message);

        var created = await _client.CoreV1.CreateNamespacedServiceAsync(
            new V1Service { Metadata = new V1ObjectMeta { Name = "web" }, Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Port = 80 }] } }, ns);
        Assert.Equal("ClusterIP", created.Spec.Type);
        Assert.False(string.IsNullOrEmpty(created.Spec.ClusterIP));
        Assert.Equal("TCP", created.Spec.Ports[0].Protocol);
        Assert.Equal("80", created.Spec.Ports[0].TargetPort.Value);

        // A PUT without clusterIP keeps the allocated one; changing it is refused.
        var allocated = created.Spec.ClusterIP;
        created.Spec.ClusterIP = null;
        created.Spec.ClusterIPs = null;
        Assert.Equal(allocated, (await _client.CoreV1.ReplaceNamespacedServiceAsync(created, "web", ns)).Spec.ClusterIP);
        var latest = await _client.CoreV1.ReadNamespacedServiceAsync("web", ns);
        latest.Spec.ClusterIP = "10.96.200.200";
        var changed = await FailsWith(HttpStatusCode.UnprocessableEntity, () => _client.CoreV1.ReplaceNamespacedServiceAsync(latest, "web", ns));
        Assert.Equal("Service \"web\" is invalid: spec.clusterIPs[0]: Invalid value: []string{\"10.96.200.200\"}: may not change once set", changed.Message);
    }

    [Fact]
    public async Task EndpointSlice_and_Lease_rules()
    {
        var ns = fixture.NewNamespace();
        var slice = new V1EndpointSlice
        {
            Metadata = new V1ObjectMeta { Name = "s" },
            AddressType = "IPv4",
            Endpoints = [new V1Endpoint { Addresses = ["not-an-ip"] }, new V1Endpoint { Addresses = [] }],
            Ports = [new Discoveryv1EndpointPort { Name = "http", Port = 80, Protocol = "HTTP" }],
        };
        var status = await FailsWith(HttpStatusCode.UnprocessableEntity, () => _client.DiscoveryV1.CreateNamespacedEndpointSliceAsync(slice, ns));
        Assert.StartsWith("EndpointSlice.discovery.k8s.io \"s\" is invalid: [", status.Message);
        Assert.Contains("endpoints[0].addresses[0]: Invalid value: \"not-an-ip\": must be a valid IPv4 address", status.Message);
        Assert.Contains("endpoints[1].addresses: Required value: must contain at least 1 address", status.Message);
        Assert.Contains("ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"", status.Message);

        var lease = new V1Lease { Metadata = new V1ObjectMeta { Name = "l" }, Spec = new V1LeaseSpec { LeaseDurationSeconds = 0, LeaseTransitions = -1 } };
        var leaseStatus = await FailsWith(HttpStatusCode.UnprocessableEntity, () => _client.CoordinationV1.CreateNamespacedLeaseAsync(lease, ns));
        Assert.Equal("Lease.coordination.k8s.io \"l\" is invalid: [spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0, spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0]",
            leaseStatus.Message);
    }

    internal static V1Ingress Ingress(string name, string? pathType, string path) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1IngressSpec
        {
            Rules =
            [
                new V1IngressRule
                {
                    Host = "demo.example.com",
                    Http = new V1HTTPIngressRuleValue
                    {
                        Paths =
                        [
                            new V1HTTPIngressPath
                            {
                                Path = path,
                                PathType = pathType,
                                Backend = new V1IngressBackend { Service = new V1IngressServiceBackend { Name = "web", Port = new V1ServiceBackendPort { Number = 80 } } },
                            },
                        ],
                    },
                },
            ],
        },
    };
}
