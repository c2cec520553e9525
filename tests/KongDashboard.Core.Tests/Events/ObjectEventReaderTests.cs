using k8s;
using k8s.Models;
using KongDashboard.Core.Events;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Tests.Support;

namespace KongDashboard.Core.Tests.Events;

/// <summary>
/// An object's Events through the real KubernetesClient against the embedded API server, queried with the field
/// selector the kube-apiserver supports for core/v1 Events (kubernetes pkg/apis/core/v1/conversion.go
/// AddFieldLabelConversionsForEvent, pkg/registry/core/event/strategy.go ToSelectableFields).
/// </summary>
public sealed class ObjectEventReaderTests
{
    private static readonly DateTime T0 = new(2026, 12, 5, 6, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task Lists_the_objects_own_events_newest_first_and_no_one_elses()
    {
        await using var cluster = await TestCluster.StartAsync();
        var name = "evt-" + Guid.NewGuid().ToString("N")[..8];
        var elsewhere = name + "-ns";
        await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = elsewhere } });
        await CreateAsync(cluster.Client, "default", "Ingress", name, "Older", T0, "kong-client");
        await CreateAsync(cluster.Client, "default", "Ingress", name, "Newer", T0.AddMinutes(5), "kong-client", count: 3);
        // Same name, other kind; same kind and name, other namespace (its Event lives there); another Ingress.
        await CreateAsync(cluster.Client, "default", "Service", name, "OtherKind", T0.AddMinutes(9), "kubelet");
        await CreateAsync(cluster.Client, elsewhere, "Ingress", name, "OtherNamespace", T0.AddMinutes(9), "kubelet");
        await CreateAsync(cluster.Client, "default", "Ingress", name + "-b", "OtherName", T0.AddMinutes(9), "kubelet");

        var reading = await ObjectEventReader.ReadAsync(cluster.Client, "Ingress", "default", name, CancellationToken.None);

        Assert.Null(reading.Error);
        Assert.Equal(["Newer", "Older"], reading.Events.Select(e => e.Reason));
        var newest = reading.Events[0];
        Assert.Equal(3, newest.Count);
        Assert.Equal("kong-client", newest.Source);
        Assert.Equal(new DateTimeOffset(T0.AddMinutes(5)), newest.LastSeen);

        // The other objects' Events are there, each under its own selector.
        var service = await ObjectEventReader.ReadAsync(cluster.Client, "Service", "default", name, CancellationToken.None);
        Assert.Equal(["OtherKind"], service.Events.Select(e => e.Reason));
        var other = await ObjectEventReader.ReadAsync(cluster.Client, "Ingress", elsewhere, name, CancellationToken.None);
        Assert.Equal(["OtherNamespace"], other.Events.Select(e => e.Reason));
    }

    [Fact]
    public async Task An_object_without_events_reads_empty_and_a_secret_value_in_a_message_is_scrubbed()
    {
        await using var cluster = await TestCluster.StartAsync();
        var name = "evt-" + Guid.NewGuid().ToString("N")[..8];
        var secret = "s3cr3t-" + Guid.NewGuid().ToString("N");
        SecretRedactor.Remember([secret]);

        var empty = await ObjectEventReader.ReadAsync(cluster.Client, "Ingress", "default", name, CancellationToken.None);
        Assert.Null(empty.Error);
        Assert.Empty(empty.Events);

        await CreateAsync(cluster.Client, "default", "Ingress", name, "Leaky", T0, "other-controller", message: $"bad password {secret} in plugin");
        var reading = await ObjectEventReader.ReadAsync(cluster.Client, "Ingress", "default", name, CancellationToken.None);

        var leaky = Assert.Single(reading.Events);
        Assert.Contains("bad password", leaky.Message, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Redacted, leaky.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, leaky.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_server_selects_events_by_source_component_as_the_real_one_does()
    {
        // kube-apiserver's "source" field label is source.component (strategy.go ToSelectableFields).
        await using var cluster = await TestCluster.StartAsync();
        var name = "evt-" + Guid.NewGuid().ToString("N")[..8];
        await CreateAsync(cluster.Client, "default", "Ingress", name, "FromKong", T0, "kong-client");
        await CreateAsync(cluster.Client, "default", "Ingress", name, "FromKubelet", T0, "kubelet");

        var list = await cluster.Client.CoreV1.ListNamespacedEventAsync("default",
            fieldSelector: $"involvedObject.name={name},source=kong-client");

        Assert.Equal(["FromKong"], list.Items.Select(e => e.Reason));
    }

    [Fact]
    public async Task When_rbac_forbids_listing_events_the_reading_names_the_missing_permission()
    {
        await using var cluster = await TestCluster.StartAsync();
        var name = "evt-" + Guid.NewGuid().ToString("N")[..8];
        await CreateAsync(cluster.Client, "default", "Ingress", name, "Visible", T0, "kong-client");
        var allowed = await ObjectEventReader.ReadAsync(cluster.Client, "Ingress", "default", name, CancellationToken.None);
        Assert.Single(allowed.Events); // readable before the denial

        cluster.Server.Faults.DenyResource("events");
        var denied = await ObjectEventReader.ReadAsync(cluster.Client, "Ingress", "default", name, CancellationToken.None);

        Assert.Empty(denied.Events);
        Assert.NotNull(denied.Error);
        Assert.Contains("\"list\" verb on \"events\"", denied.Error, StringComparison.Ordinal);
        Assert.Contains("namespace default", denied.Error, StringComparison.Ordinal);
    }

    private static Task<Corev1Event> CreateAsync(IKubernetes client, string ns, string kind, string name, string reason, DateTime at, string component,
        int count = 1, string? message = null) =>
        client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = $"{name}.{Guid.NewGuid():N}"[..40].TrimEnd('.'), NamespaceProperty = ns },
            InvolvedObject = new V1ObjectReference { Kind = kind, Name = name, NamespaceProperty = ns, ApiVersion = "v1" },
            Reason = reason,
            Message = message ?? $"{reason} happened",
            Type = "Warning",
            Count = count,
            FirstTimestamp = at,
            LastTimestamp = at,
            Source = new V1EventSource { Component = component },
        }, ns);
}
