using System.Diagnostics;
using k8s;
using k8s.Models;
using KongDashboard.EmbeddedCluster;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

[Collection(BrowserCollection.Name)]
public sealed class DashboardBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    static DashboardBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task Overview_loads_with_the_demo_cluster_label_and_no_console_errors()
    {
        await using var session = await fixture.NewSessionAsync();

        await session.GotoAsync("");

        await Expect(session.Page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await Expect(session.Page.GetByTestId("cluster-badge")).ToContainTextAsync("DEMO");
        await Expect(session.Page.GetByTestId("cluster-badge")).ToContainTextAsync("Embedded demo cluster");
        await Expect(session.Page.GetByTestId("demo-banner")).ToBeVisibleAsync();
        await Expect(session.Page.Locator(".kd-stamp")).ToContainTextAsync("Source: Embedded demo cluster");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task An_ingress_created_in_the_cluster_appears_on_an_open_translation_page()
    {
        var api = fixture.App.Services.EmbeddedServer();
        using var client = new Kubernetes(api.ClientConfiguration());
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("translation");
        await Expect(session.Page.GetByTestId("ingress-name").First).ToBeVisibleAsync();

        // The first change warms up (JIT) the watch → translate → render path; the second one is measured.
        await CreateAndAwaitRowAsync(client, session.Page, "warm");
        var elapsed = await CreateAndAwaitRowAsync(client, session.Page, "live");

        output.WriteLine($"create→visible: {elapsed.TotalMilliseconds:0} ms");
        Assert.True(elapsed < TimeSpan.FromSeconds(1), $"the new Ingress took {elapsed.TotalMilliseconds:0} ms to appear (budget 1 s)");
        Assert.Empty(session.Errors);
    }

    private static async Task<TimeSpan> CreateAndAwaitRowAsync(Kubernetes client, IPage page, string prefix)
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        var ingress = TestIngresses.Storefront(name);

        var stopwatch = Stopwatch.StartNew();
        await client.NetworkingV1.CreateNamespacedIngressAsync(ingress, "shop");
        await Expect(page.GetByTestId("ingress-name").Filter(new() { HasText = name })).ToBeVisibleAsync();
        return stopwatch.Elapsed;
    }

    [Fact]
    public async Task The_dark_mode_toggle_changes_the_background_and_is_remembered()
    {
        await using var session = await fixture.NewSessionAsync(ColorScheme.Light);
        await session.GotoAsync("");
        var before = await BodyBackgroundAsync(session.Page);

        await session.Page.GetByRole(AriaRole.Button, new() { Name = "Switch to dark mode" }).ClickAsync();

        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        await Eventually.HoldsAsync(async () => Assert.NotEqual(before, await BodyBackgroundAsync(session.Page)));
        var dark = await BodyBackgroundAsync(session.Page);

        await session.Page.ReloadAsync();
        await session.WaitInteractiveAsync();
        await Expect(session.Page.GetByRole(AriaRole.Button, new() { Name = "Switch to light mode" })).ToBeVisibleAsync();
        Assert.Equal(dark, await BodyBackgroundAsync(session.Page));
    }

    [Fact]
    public async Task A_filter_lives_in_the_url_and_survives_a_reload()
    {
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("translation");
        var names = session.Page.GetByTestId("ingress-name");
        await Expect(names.First).ToBeVisibleAsync();
        var total = await names.CountAsync();

        await SearchBox(session.Page).FillAsync("storefront");

        await session.Page.WaitForURLAsync(url => url.Contains("q=storefront", StringComparison.Ordinal));
        await Eventually.HoldsAsync(async () => Assert.InRange(await names.CountAsync(), 1, total - 1));
        var filtered = await names.CountAsync();

        await session.Page.ReloadAsync();
        await session.WaitInteractiveAsync();

        await Expect(SearchBox(session.Page)).ToHaveValueAsync("storefront");
        await Expect(names).ToHaveCountAsync(filtered);
        Assert.Contains("q=storefront", session.Page.Url, StringComparison.Ordinal);
    }

    private static ILocator SearchBox(IPage page) => page.GetByRole(AriaRole.Textbox, new() { Name = "Search" });

    private static Task<string> BodyBackgroundAsync(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
}
