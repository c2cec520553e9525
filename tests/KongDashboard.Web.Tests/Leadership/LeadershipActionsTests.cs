using KongDashboard.Web.Tests.Browser;
using System.Diagnostics;
using System.Security.Claims;
using KongDashboard.Actions;
using KongDashboard.Audit;
using KongDashboard.Hosting;
using KongDashboard.Security;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace KongDashboard.Web.Tests.Leadership;

/// <summary>The real app in embedded mode: three controller replicas electing a leader; hand-off and crash through the actions.</summary>
public sealed class LeadershipActionsTests : IAsyncLifetime
{
    private readonly ScaledApp _app = new();

    private ControllerHost Host => _app.Services.GetRequiredService<ControllerHost>();

    public async Task InitializeAsync()
    {
        _ = Host; // starts the app
        await Until(() => Host.AllInstances.Count == 3 && Host.AllInstances.Count(i => i.Elector?.IsLeader == true) == 1, "three replicas, one leader");
    }

    public async Task DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Hand_off_action_moves_leadership_to_the_chosen_replica()
    {
        var leader = Host.AllInstances.Single(i => i.Elector!.IsLeader);
        var target = Host.AllInstances.First(i => i != leader).InstanceId;
        await Until(() => Host.Instance!.State.Current.Leadership.Candidates.Count(c => c.Ready) == 3, "the dashboard's replica sees three candidates");

        var outcome = await RunAsync(new HandOffAction(target));
        Assert.True(outcome.Succeeded, outcome.Message);
        await Until(() => Host.AllInstances.SingleOrDefault(i => i.Elector!.IsLeader)?.InstanceId == target, "the target leads");
        await Until(() => Host.Feed.Current.Leadership.LastHandOff is { RequestedBy: "alice" } last && last.Target == target, "the dashboard shows the hand-off");
    }

    [Fact]
    public async Task Crash_leader_action_fails_over_and_a_replacement_replica_starts()
    {
        var leader = Host.AllInstances.Single(i => i.Elector!.IsLeader);
        var outcome = await RunAsync(new CrashLeaderAction());
        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.DoesNotContain(leader, Host.AllInstances);

        await Until(() => Host.AllInstances.Count(i => i.Elector!.IsLeader) == 1, "another replica leads", TimeSpan.FromSeconds(15));
        await Until(() => Host.AllInstances.Count == 3, "the replacement replica runs", TimeSpan.FromSeconds(15));
        Assert.Contains(Host.Feed.Current.InstanceId, Host.AllInstances.Select(i => i.InstanceId));
        Assert.NotEqual(leader.InstanceId, Host.Feed.Current.InstanceId);
    }

    /// <summary>Runs the action through the authorized, audited entry point as admin "alice".</summary>
    private async Task<ActionOutcome> RunAsync(DashboardAction action)
    {
        using var scope = _app.Services.CreateScope();
        var alice = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "alice"), new Claim(ClaimTypes.Role, DashboardRoles.Admin)], "test"));
        scope.ServiceProvider.GetRequiredService<ActionCaller>().Set(alice, "127.0.0.1");
        return await scope.ServiceProvider.GetRequiredService<IDashboardActions>().RunAsync(action);
    }

    private static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var watch = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(watch.Elapsed < (timeout ?? TimeSpan.FromSeconds(20)), $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>The app on the embedded cluster with scaled election timings (3/2/0.5 s) and a short container start.</summary>
    private sealed class ScaledApp : WebApplicationFactory<KongDashboard.Hosting.DemoProgram>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Cluster:Mode", "Embedded");
            builder.UseSetting("Dashboard:Auth:Mode", "Unsecured");
            builder.UseSetting("Cluster:Embedded:KubeconfigPath", Path.Combine(Path.GetTempPath(), $"kong-dashboard-test-{Guid.NewGuid():N}", "kubeconfig"));
            builder.UseSetting("Controller:LeaseDuration", "3");
            builder.UseSetting("Controller:RenewDeadline", "2");
            builder.UseSetting("Controller:RetryPeriod", "0.5");
            builder.UseSetting("Controller:ContainerStartDelay", "0.5");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2)));
        }
    }
}
