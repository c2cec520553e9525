using System.Collections.Immutable;
using k8s.Models;
using KongDashboard.Actions;
using KongDashboard.Core.Autoscaling;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Sync;

namespace KongDashboard.Web.Tests.Components;

/// <summary>Config-sync states for component tests: payloads, gateways with history, their pods and metrics.</summary>
internal static class SyncStates
{
    /// <summary>Key text that must never reach the browser.</summary>
    public const string KeyBody = "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCTOPSECRETKEYMATERIAL";

    public static readonly string PrivateKey = $"-----BEGIN PRIVATE KEY-----\n{KeyBody}\n-----END PRIVATE KEY-----";

    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    public static ObjectRef IngressRef(string ns, string name) => new("networking.k8s.io", "v1", "Ingress", ns, name, $"uid-{name}");

    /// <summary>The Kong configuration of these Ingresses (their route names), plus a certificate with a private key.</summary>
    public static KongConfig Config(params TranslationRow[] rows) => new()
    {
        Services = [.. rows.Select(r => new KongService
        {
            Name = $"{r.Key.Namespace}.{r.Key.Name}-svc.80",
            Host = $"{r.Key.Name}-svc.{r.Key.Namespace}.80.svc",
            Port = 80,
            Routes = [.. r.Routes.Select(n => new KongRoute { Name = n, Hosts = [.. r.Hosts], Paths = ["/"] })],
        })],
        Certificates =
        [
            new KongCertificate
            {
                Id = "cert-1",
                Cert = "-----BEGIN CERTIFICATE-----\nMIIBCERT\n-----END CERTIFICATE-----",
                Key = PrivateKey,
                Snis = [new KongSni { Name = "secure.shop.example.com" }],
            },
        ],
    };

    public static ConfigPayload Payload(KongConfig config, PayloadKind kind = PayloadKind.Full, long generation = 1) =>
        ConfigPayload.Of(config, kind, generation);

    public static PushRecord Push(ConfigPayload payload, bool success = true, int secondsAgo = 5, params KongRejection[] rejections) =>
        new(Now.AddSeconds(-secondsAgo), TimeSpan.FromMilliseconds(42), payload.Sha, payload.Kind, success, success ? 201 : 400,
            success ? $"applied ({payload.Kind.ToString().ToLowerInvariant()})" : $"rejected: {rejections.Length} error(s)", [.. rejections], payload.Body.Length);

    public static GatewayStatus Gateway(string pod, string ip, GatewaySyncState state, ConfigPayload? applied, params PushRecord[] history) => new(
        $"http://{ip}:8001",
        new Uri($"http://{ip}:8001/"),
        new ObjectKey("kong", pod),
        "node-a",
        state != GatewaySyncState.Unreachable,
        "3.9.1",
        "f7885e29c687",
        state,
        applied?.Sha,
        history.FirstOrDefault(),
        [.. history],
        3,
        1234,
        state == GatewaySyncState.Unreachable ? "connection refused" : null,
        Now);

    public static V1Pod Pod(string name, string ip, int restarts = 0, bool ready = true, string? lastTerminationReason = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "kong", CreationTimestamp = Now.UtcDateTime.AddMinutes(-90) },
        Spec = new V1PodSpec
        {
            NodeName = "node-a",
            Containers =
            [
                new V1Container
                {
                    Name = "proxy",
                    Resources = new V1ResourceRequirements
                    {
                        Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("500m"), ["memory"] = new("512Mi") },
                    },
                },
            ],
        },
        Status = new V1PodStatus
        {
            Phase = "Running",
            PodIP = ip,
            Conditions =
            [
                new V1PodCondition { Type = "Ready", Status = ready ? "True" : "False", Reason = ready ? null : "ContainersNotReady" },
                new V1PodCondition { Type = "PodScheduled", Status = "True" },
            ],
            ContainerStatuses =
            [
                new V1ContainerStatus
                {
                    Name = "proxy",
                    Image = "kong:3.9",
                    ImageID = "kong",
                    Ready = ready,
                    RestartCount = restarts,
                    LastState = lastTerminationReason is null ? null : new V1ContainerState
                    {
                        Terminated = new V1ContainerStateTerminated { ExitCode = 137, Reason = lastTerminationReason, FinishedAt = Now.UtcDateTime.AddMinutes(-1) },
                    },
                },
            ],
        },
    };

    public static SyncState Sync(ConfigPayload? desired, params GatewayStatus[] gateways) =>
        new(true, null, [.. gateways], desired, desired, null, null);

    public static ControllerState With(ControllerState state, SyncState sync, IEnumerable<V1Pod>? pods = null, PodMetricsState? metrics = null) => (state with
    {
        Sync = sync,
        Pods = (pods ?? []).Select(PodView.Of).ToImmutableDictionary(p => p.Key),
        PodMetrics = metrics ?? PodMetricsState.Unknown,
    }).WithStatus();

    public static PodMetricsState Metrics(params (string Pod, decimal Cpu, decimal Memory)[] usage) => new(
        true, null, Now, usage.ToImmutableDictionary(u => new ObjectKey("kong", u.Pod), u => new PodUsage(u.Cpu, u.Memory, Now)));
}

/// <summary>Records every action the page runs and answers with a fixed outcome.</summary>
internal sealed class RecordingDashboardActions(bool succeed = true) : IDashboardActions
{
    private readonly List<DashboardAction> _actions = [];

    public IReadOnlyList<DashboardAction> Actions
    {
        get
        {
            lock (_actions)
            {
                return [.. _actions];
            }
        }
    }

    public Task<ActionOutcome> RunAsync(DashboardAction action, CancellationToken cancellationToken = default)
    {
        lock (_actions)
        {
            _actions.Add(action);
        }

        return Task.FromResult(new ActionOutcome(succeed, succeed ? $"Re-pushing to {action.Target}." : "This replica does not push."));
    }
}
