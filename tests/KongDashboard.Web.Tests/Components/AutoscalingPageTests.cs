using Bunit;
using KongDashboard.Actions;
using KongDashboard.Components.Pages;
using KongDashboard.Core.Autoscaling;
using KongDashboard.Core.Controller;
using Microsoft.Extensions.DependencyInjection;
using static KongDashboard.Web.Tests.Components.AutoscalingStates;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

public sealed class AutoscalingPageTests
{
    private sealed class RecordingActions : IDashboardActions
    {
        public List<DashboardAction> Runs { get; } = [];

        public Task<ActionOutcome> RunAsync(DashboardAction action, CancellationToken cancellationToken = default)
        {
            Runs.Add(action);
            return Task.FromResult(new ActionOutcome(true, "Simulated load set to 1000 rps."));
        }
    }

    private static (BunitContext Context, RecordingActions Actions) Create(StateFeed<ControllerState> feed)
    {
        var ctx = DashboardTestContext.Create(feed);
        var actions = new RecordingActions();
        ctx.Services.AddSingleton<IDashboardActions>(actions);
        return (ctx, actions);
    }

    [Fact]
    public async Task Shows_replicas_every_metric_conditions_events_and_charts()
    {
        var pods = new HpaMetricView("Pods:requests_per_second", "Pods", "requests_per_second", "AverageValue", "100 (average)", null, 100, null);
        var external = new HpaMetricView("External:queue_depth", "External", "queue_depth", "Value", "30", "12", 30, 12);
        var (ctx, _) = Create(new StateFeed<ControllerState>(With(State(Demo, 1), Hpa(6, 6, 62, pods, external))));
        await using var _ctx = ctx;

        var cut = ctx.Render<Autoscaling>();

        Assert.Equal("6", cut.Find("[data-testid=hpa-current]").TextContent.Trim());
        Assert.Equal("6", cut.Find("[data-testid=hpa-desired]").TextContent.Trim());
        Assert.Equal(("2", "10"), (cut.Find("[data-testid=hpa-min]").TextContent.Trim(), cut.Find("[data-testid=hpa-max]").TextContent.Trim()));
        Assert.Equal(["62%", "<unknown>", "12"], cut.FindAll("[data-testid=metric-current]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["70%", "100 (average)", "30"], cut.FindAll("[data-testid=metric-target]").Select(e => e.TextContent.Trim()));
        Assert.Equal(["SucceededRescale", "ValidMetricFound", "DesiredWithinRange"], cut.FindAll("[data-testid=condition-reason]").Select(e => e.TextContent.Trim()));
        Assert.Contains("New size: 6; reason: cpu resource utilization (percentage of request) above target", cut.Find("[data-testid=event-row]").TextContent);
        Assert.NotEmpty(cut.Find("[data-testid=replicas-chart]").QuerySelectorAll("svg"));
        Assert.Equal(3, cut.FindAll("[data-testid=metric-chart]").Count);
        Assert.Contains("Source: Embedded demo cluster", cut.Find(".kd-stamp").TextContent);
    }

    [Fact]
    public async Task An_hpa_pinned_at_its_maximum_is_flagged_with_how_long_and_the_chart_draws_the_max_line()
    {
        var pinned = Hpa(10, 10, 95);
        var since = DateTimeOffset.UtcNow.AddMinutes(-7).AddSeconds(-5);
        pinned = pinned with
        {
            Conditions = [.. pinned.Conditions.Select(c => c.Type == "ScalingLimited"
                ? new HpaConditionView("ScalingLimited", "True", "TooManyReplicas", "the desired replica count is more than the maximum replica count", since)
                : c)],
        };
        var feed = new StateFeed<ControllerState>(With(State(Demo, 1), pinned));
        var (ctx, _) = Create(feed);
        await using var _ctx = ctx;

        var cut = ctx.Render<Autoscaling>();

        var flag = cut.Find("[data-testid=hpa-at-max]").TextContent;
        Assert.Contains("At max replicas (10)", flag);
        Assert.Contains("for 7 min", flag);
        var replicaChart = cut.FindComponents<MudBlazor.MudChart<double>>()[0].Instance;
        Assert.Equal(["current", "desired", "max"], replicaChart.ChartSeries.Select(s => s.Name));
        Assert.Contains("max 10", cut.Find("[data-testid=replicas-chart]").GetAttribute("aria-label"));

        // Back within range (the condition the HPA controller sets then): no flag.
        feed.Publish(With(State(Demo, 2), Hpa(6, 6, 62)));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=hpa-at-max]")));
    }

    [Fact]
    public async Task The_load_control_starts_at_the_cluster_value_and_applies_through_the_actions()
    {
        var (ctx, actions) = Create(new StateFeed<ControllerState>(With(State(Demo, 1), Hpa(2, 2, 37), rps: 200)));
        await using var _ctx = ctx;
        var cut = ctx.Render<Autoscaling>();
        Assert.Equal("200", cut.Find("[data-testid=current-load]").TextContent.Trim());

        cut.Find(".kd-load-input input").Change("1000");
        cut.Find("[data-testid=apply-load]").Click();

        cut.WaitForAssertion(() => Assert.Contains("1000 rps", cut.Find("[data-testid=load-outcome]").TextContent));
        Assert.Equal(new SetSimulatedLoadAction(1000), Assert.Single(actions.Runs));
    }

    [Fact]
    public async Task A_real_cluster_has_no_load_control_and_says_when_metrics_server_is_missing()
    {
        var state = With(State(Real, 1), Hpa(2, 2, 37)) with
        {
            PodMetrics = new PodMetricsState(false, "metrics.k8s.io is not served (is metrics-server installed?): HTTP 404", DateTimeOffset.UtcNow, System.Collections.Immutable.ImmutableDictionary<KongDashboard.Core.Cluster.ObjectKey, PodUsage>.Empty),
        };
        var (ctx, _) = Create(new StateFeed<ControllerState>(state));
        await using var _ctx = ctx;

        var cut = ctx.Render<Autoscaling>();

        Assert.Empty(cut.FindAll("[data-testid=load-control]"));
        Assert.Contains("metrics-server", cut.Find("[data-testid=pod-metrics]").TextContent);
    }

    [Fact]
    public async Task Desired_replicas_update_live()
    {
        var feed = new StateFeed<ControllerState>(With(State(Demo, 1), Hpa(2, 2, 37)));
        var (ctx, _) = Create(feed);
        await using var _ctx = ctx;
        var cut = ctx.Render<Autoscaling>();

        feed.Publish(With(State(Demo, 2), Hpa(2, 6, 181)));

        cut.WaitForAssertion(() => Assert.Equal("6", cut.Find("[data-testid=hpa-desired]").TextContent.Trim()));
        Assert.Equal("181%", cut.Find("[data-testid=metric-current]").TextContent.Trim());
    }
}
