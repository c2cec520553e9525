using System.Diagnostics;
using k8s;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using KongDashboard.EmbeddedCluster.KongGateway;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace KongDashboard.Core.Tests.DemoChaos;

/// <summary>
/// Demo chaos from outside: `kubectl annotate pod &lt;kong-pod&gt; demo.kongdashboard.io/restart=&lt;value&gt;` restarts that
/// pod's Kong container in the embedded cluster (empty configuration, restart count + 1, same pod and IP), and the
/// controller, polling Kong's /status, sees the all-zero hash and pushes again. The controller runs on a virtual clock,
/// so the restart is observed before its next /status poll, which the test then lets happen.
/// </summary>
public sealed class KongRestartByKubectlTests
{
    private const string RestartAnnotation = "demo.kongdashboard.io/restart";
    private const string EmptyHash = "00000000000000000000000000000000";
    private static readonly TimeSpan StatusInterval = TimeSpan.FromSeconds(1);

    [Fact]
    public async Task Annotating_a_kong_pod_restarts_its_container_once_and_the_controller_pushes_again()
    {
        await using var cluster = await TestCluster.StartAsync(seed: true, controllers: true);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var instance = new ControllerInstance(new ControllerInstanceOptions
        {
            InstanceId = "restart-test",
            Connection = new ClusterConnection(ClusterMode.Embedded, cluster.Server.BaseAddress.ToString(), null, ControllerRole.Active),
            Kong = new KongSyncOptions { AdminService = "kong/kong-admin", StatusInterval = StatusInterval, InitialRetryDelay = TimeSpan.FromMilliseconds(100) },
            EmitEvents = false,
            Time = clock,
        }, cluster.Client, NullLoggerFactory.Instance);
        instance.Start();

        // Positive control: both gateways configured (the clock moves one poll at a time until they are).
        var synced = await Eventually.Until(() => { clock.Advance(StatusInterval); return instance.State.Current.Sync; },
            s => s!.Gateways.Length == 2 && s.InSync == 2, "two gateways in sync", TimeSpan.FromSeconds(30));
        var (ns, podName) = synced.Gateways[0].Pod!.Value;
        var gateway = cluster.Server.KongGateways!.ForPod(ns, podName)!;
        var other = cluster.Server.KongGateways.Gateways.Values.Single(g => g != gateway);
        var hashBefore = gateway.ConfigurationHash;
        Assert.NotEqual(EmptyHash, hashBefore);
        var before = await cluster.Client.CoreV1.ReadNamespacedPodAsync(podName, ns);
        var pushesBefore = gateway.PushLog.Entries.Count;
        var otherHash = other.ConfigurationHash;

        await KubectlAsync(cluster, "annotate", "pod", podName, "-n", ns, $"{RestartAnnotation}=first");

        // The container restarted: count + 1, same pod and IP, the request recorded; Kong is empty and nobody pushed yet.
        var after = await Eventually.Until(() => cluster.Client.CoreV1.ReadNamespacedPodAsync(podName, ns).Result,
            p => p!.Status.ContainerStatuses[0].RestartCount == before.Status.ContainerStatuses[0].RestartCount + 1, "restart count + 1");
        Assert.Equal(before.Metadata.Uid, after.Metadata.Uid);
        Assert.Equal(before.Status.PodIP, after.Status.PodIP);
        Assert.Equal(137, after.Status.ContainerStatuses[0].LastState.Terminated.ExitCode);
        Assert.Equal($"restarted on request: {RestartAnnotation}=first", after.Status.ContainerStatuses[0].LastState.Terminated.Message);
        Assert.NotEqual(before.Status.ContainerStatuses[0].ContainerID, after.Status.ContainerStatuses[0].ContainerID);
        Assert.Equal(EmptyHash, gateway.ConfigurationHash);
        Assert.Equal(pushesBefore, gateway.PushLog.Entries.Count);
        Assert.Equal(otherHash, other.ConfigurationHash); // only the annotated pod restarted
        var restartsShown = await KubectlAsync(cluster, "get", "pod", podName, "-n", ns, "-o", "jsonpath={.status.containerStatuses[0].restartCount}");
        Assert.Equal((before.Status.ContainerStatuses[0].RestartCount + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), restartsShown);

        // The controller's next /status poll sees the all-zero hash and pushes again: the gateway is back in sync.
        clock.Advance(StatusInterval);
        await Eventually.True(() => gateway.PushLog.Entries.Count == pushesBefore + 1 && gateway.ConfigurationHash != EmptyHash, "the controller pushed to the restarted gateway");
        await Eventually.Until(() => { clock.Advance(StatusInterval); return instance.State.Current.Sync.Gateways.Single(g => g.Pod?.Name == podName); },
            g => g!.State == GatewaySyncState.InSync && g.ConfigurationHash == gateway.ConfigurationHash
                && g.AppliedSha is not null && g.AppliedSha == instance.State.Current.Sync.Desired?.Sha, "the restarted gateway shown in sync again");

        // The same value again asks for nothing; a new value restarts once more.
        await KubectlAsync(cluster, "annotate", "pod", podName, "-n", ns, "--overwrite", $"{RestartAnnotation}=first", "kongdashboard.io/unrelated=change");
        await KubectlAsync(cluster, "annotate", "pod", podName, "-n", ns, "--overwrite", $"{RestartAnnotation}=second");
        var again = await Eventually.Until(() => cluster.Client.CoreV1.ReadNamespacedPodAsync(podName, ns).Result,
            p => p!.Status.ContainerStatuses[0].LastState.Terminated?.Message?.EndsWith("=second", StringComparison.Ordinal) == true, "the second restart");
        Assert.Equal(after.Status.ContainerStatuses[0].RestartCount + 1, again.Status.ContainerStatuses[0].RestartCount);
    }

    private static async Task<string> KubectlAsync(TestCluster cluster, params string[] args)
    {
        var directory = Directory.CreateTempSubdirectory("kubectl-restart");
        try
        {
            var info = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
            info.ArgumentList.Add($"--cache-dir={Path.Combine(directory.FullName, "cache")}");
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            info.Environment["KUBECONFIG"] = cluster.Server.WriteKubeconfig(Path.Combine(directory.FullName, "kubeconfig"));
            using var kubectl = Process.Start(info)!;
            var stdout = kubectl.StandardOutput.ReadToEndAsync();
            var stderr = kubectl.StandardError.ReadToEndAsync();
            await kubectl.WaitForExitAsync();
            Assert.True(kubectl.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {await stdout}{await stderr}");
            return await stdout;
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
