using Bunit;
using KongDashboard.Components.Pages;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Sync;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using static KongDashboard.Web.Tests.Components.SyncStates;
using static KongDashboard.Web.Tests.Components.TestStates;

namespace KongDashboard.Web.Tests.Components;

public sealed class ConfigurationPageTests
{
    private static readonly TranslationRow Echo = Ingress("default", "echo");
    private static readonly TranslationRow Shop = Ingress("shop", "storefront");
    private static readonly ConfigPayload Good = Payload(Config(Echo), generation: 4);
    private static readonly ConfigPayload Rejected = Payload(Config(Echo, Shop), generation: 5);
    private static readonly ConfigPayload Fallback = Payload(Config(Echo), PayloadKind.Fallback, 6) with { Sha = new string('f', 64) };

    private static ControllerState Healthy(ConfigPayload desired) =>
        With(State(Demo, 1, Echo, Shop), Sync(desired, Gateway("kong-gw-a", "10.0.0.1", GatewaySyncState.InSync, desired, Push(desired))));

    /// <summary>Kong rejected generation 5 because of shop/storefront; the fallback without it is being pushed.</summary>
    private static ControllerState AfterRejection()
    {
        var rejections = new KongRejection[]
        {
            new("route", "shop.storefront.00", "invalid paths: must start with /", IngressRef("shop", "storefront")),
            new("certificate", "cert-1", $"invalid key: {PrivateKey}", null),
        };
        var raw = "{\"code\":14,\"message\":\"declarative config is invalid\",\"key\":\"" + PrivateKey.Replace("\n", "\\n", StringComparison.Ordinal) + "\"}";
        var sync = Sync(Fallback, Gateway("kong-gw-a", "10.0.0.1", GatewaySyncState.InSync, Fallback, Push(Fallback))) with
        {
            LastGood = Good,
            LastFailed = new FailedConfig(Rejected, "http://10.0.0.1:8001", Now.AddSeconds(-10), [.. rejections], raw),
            Fallback = new FallbackReport(true, Now.AddSeconds(-10), [IngressRef("shop", "storefront")],
                [new("", "v1", "Service", "shop", "storefront-svc", "uid-svc")]),
        };
        return With(State(Demo, 1, Echo, Shop), sync);
    }

    private static IRenderedComponent<Configuration> RenderAt(BunitContext ctx, string? tab)
    {
        if (tab is not null)
        {
            var nav = ctx.Services.GetRequiredService<NavigationManager>();
            nav.NavigateTo(nav.GetUriWithQueryParameter("tab", tab));
        }

        return ctx.Render<Configuration>();
    }

    [Fact]
    public async Task Current_shows_the_redacted_yaml_sha_kind_and_counts_and_never_the_key()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(Healthy(Rejected)));

        var cut = ctx.Render<Configuration>();

        var yaml = cut.Find("[data-testid=config-yaml]").TextContent;
        Assert.Contains($"key: {SecretRedactor.Redacted}", yaml, StringComparison.Ordinal);
        Assert.Contains("name: shop.storefront.storefront.example.com.00", yaml, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyBody, cut.Markup, StringComparison.Ordinal);
        Assert.Equal(Rejected.Sha, cut.Find("[data-testid=config-sha]").TextContent.Trim());
        Assert.Equal("Full", cut.Find("[data-testid=config-kind]").TextContent.Trim());
        var facts = string.Concat(cut.Find("[data-testid=current-config]").TextContent.Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("2Services", facts, StringComparison.Ordinal);
        Assert.Contains("2Routes", facts, StringComparison.Ordinal);
        Assert.Contains("1Certificates", facts, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Download_sends_only_the_redacted_yaml_to_the_browser()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(Healthy(Rejected)));
        var module = ctx.JSInterop.SetupModule("./Components/Pages/Configuration.razor.js");
        module.SetupVoid("download", _ => true).SetVoidResult();
        var cut = ctx.Render<Configuration>();

        cut.Find("button[data-testid=download-yaml]").Click();

        cut.WaitForAssertion(() => Assert.Single(module.Invocations["download"]));
        var call = module.Invocations["download"][0];
        Assert.Equal($"kong-config-{Rejected.ShortSha}.yaml", call.Arguments[0]);
        var text = Assert.IsType<string>(call.Arguments[1]);
        Assert.Contains(SecretRedactor.Redacted, text, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyBody, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fallback_configuration_is_explained_in_words()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(AfterRejection()));

        var cut = ctx.Render<Configuration>();

        Assert.Equal("Fallback", cut.Find("[data-testid=config-kind]").TextContent.Trim());
        Assert.Contains("without the objects Kong complained about", cut.Find("[data-testid=kind-explanation]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Last_failed_maps_kongs_errors_to_objects_with_the_fallback_report_and_a_redacted_raw_error()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(AfterRejection()));

        var cut = RenderAt(ctx, "failed");

        var rows = cut.FindAll("[data-testid=rejection-row]");
        Assert.Equal(2, rows.Count);
        Assert.Equal("Ingress", rows[0].QuerySelector("[data-testid=rejection-kind]")!.TextContent.Trim());
        Assert.Equal("shop/storefront", rows[0].QuerySelector("[data-testid=rejection-object]")!.TextContent.Trim());
        Assert.Contains("route shop.storefront.00", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("not mapped to an object", rows[1].TextContent, StringComparison.Ordinal);
        // The gateway by its pod name; its Admin API URL only in the tooltip.
        Assert.Equal("kong-gw-a", cut.Find("[data-testid=failed-gateway]").TextContent.Trim());
        Assert.Equal("Admin API http://10.0.0.1:8001", cut.Find("[data-testid=failed-gateway]").GetAttribute("title"));
        Assert.Contains("Ingress shop/storefront", cut.Find("[data-testid=broken-objects]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Service shop/storefront-svc", cut.Find("[data-testid=excluded-objects]").TextContent, StringComparison.Ordinal);

        // The raw error is collapsed; opened, it shows Kong's message and never the key.
        cut.Find("[data-testid=raw-error] .mud-expand-panel-header").Click();
        cut.WaitForAssertion(() => Assert.Contains("declarative config is invalid", cut.Find(".kd-raw-error").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain(KeyBody, cut.Markup, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.Redacted, cut.Find(".kd-raw-error").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Last_failed_says_when_kong_never_rejected_anything()
    {
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(Healthy(Good)));

        var cut = RenderAt(ctx, "failed");

        Assert.Contains("has not rejected", cut.Find("[data-testid=no-failure]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diff_compares_the_last_two_desired_configurations_seen_on_the_page()
    {
        var feed = new StateFeed<ControllerState>(Healthy(Good));
        await using var ctx = DashboardTestContext.Create(feed);
        var cut = RenderAt(ctx, "diff");
        Assert.NotNull(cut.Find("[data-testid=no-diff]"));
        Assert.Contains("since it was opened", cut.Find("[data-testid=diff-memory-note]").TextContent, StringComparison.Ordinal);

        feed.Publish(Healthy(Rejected) with { Version = 2 });

        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=config-diff]")));
        var added = cut.FindAll("[data-testid=config-diff] [data-kind=Added]").Select(e => e.TextContent).ToList();
        Assert.Contains(added, l => l.Contains("name: shop.storefront.storefront.example.com.00", StringComparison.Ordinal));
        Assert.DoesNotContain(cut.FindAll("[data-testid=config-diff] [data-kind=Removed]"), e => e.TextContent.Contains("echo", StringComparison.Ordinal));
        Assert.Contains(Good.ShortSha, cut.Find("[data-testid=diff-header]").TextContent, StringComparison.Ordinal);
        Assert.Contains(Rejected.ShortSha, cut.Find("[data-testid=diff-header]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyBody, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replica_that_does_not_push_says_what_it_shows()
    {
        var state = Healthy(Good);
        state = state with { Sync = state.Sync with { Enabled = false, DisabledReason = "not leading: waiting for the Lease" } };
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(state));

        var cut = ctx.Render<Configuration>();

        Assert.Contains("not leading: waiting for the Lease", cut.Find("[data-testid=config-not-pushing-note]").TextContent, StringComparison.Ordinal);
        Assert.Equal("Not pushing", cut.Find("[data-testid=config-not-pushing]").TextContent.Trim());
    }
}
