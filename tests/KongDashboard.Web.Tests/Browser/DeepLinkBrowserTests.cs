using k8s;
using KongDashboard.Core.Controller;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>Issue 19: every drawer has a URL that opens it, and the copy buttons put the right text on the clipboard.</summary>
[Collection(BrowserCollection.Name)]
public sealed class DeepLinkBrowserTests(BrowserFixture fixture)
{
    static DeepLinkBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task An_ingress_deep_link_opens_its_drawer_and_its_copy_buttons_copy_the_name_and_a_link_that_opens_it_again()
    {
        var api = fixture.App.Services.EmbeddedServer();
        using var client = new Kubernetes(api.ClientConfiguration());
        var name = $"link-{Guid.NewGuid():N}"[..18];
        await client.NetworkingV1.CreateNamespacedIngressAsync(TestIngresses.Storefront(name), "shop");

        await using var session = await ClipboardSessionAsync();
        var page = session.Page;
        await session.GotoAsync($"translation?selected=shop%2F{name}");

        var drawer = page.GetByTestId("ingress-detail");
        await Expect(drawer.Locator(".kd-detail-title")).ToHaveTextAsync($"shop/{name}");
        await Expect(drawer.GetByTestId("ingress-yaml")).ToContainTextAsync(name);

        await drawer.GetByRole(AriaRole.Button, new() { Name = "Copy object name" }).ClickAsync();
        await Expect(drawer.GetByTestId("copy-object-name").GetByRole(AriaRole.Status)).ToHaveTextAsync("Copied");
        Assert.Equal($"shop/{name}", await ClipboardAsync(page));

        await drawer.GetByRole(AriaRole.Button, new() { Name = "Copy link to this object" }).ClickAsync();
        await Eventually.HoldsAsync(async () => Assert.EndsWith("/translation?selected=shop%2F" + name, await ClipboardAsync(page), StringComparison.Ordinal));
        var link = await ClipboardAsync(page);
        Assert.StartsWith(fixture.RootUri.TrimEnd('/'), link, StringComparison.Ordinal);

        // The copied link, in a fresh page, opens the drawer on the same object.
        await using var other = await fixture.NewSessionAsync();
        await other.Page.GotoAsync(link);
        await other.WaitInteractiveAsync();
        await Expect(other.Page.GetByTestId("ingress-detail").Locator(".kd-detail-title")).ToHaveTextAsync($"shop/{name}");
        Assert.Empty(session.Errors);
        Assert.Empty(other.Errors);
    }

    [Fact]
    public async Task A_gateway_deep_link_by_pod_name_opens_its_drawer_and_shows_the_pod_not_the_admin_url_as_its_name()
    {
        var feed = fixture.App.Services.GetRequiredService<IStateFeed<ControllerState>>();
        await Eventually.HoldsAsync(() =>
        {
            Assert.Contains(feed.Current.Sync.Gateways, g => g.Pod is not null);
            return Task.CompletedTask;
        }, 20_000);
        // The oldest pod: another test may scale the gateways, and a scale-down removes the newest first.
        var gateway = feed.Current.Sync.Gateways.Where(g => g.Pod is not null).OrderBy(g => g.Pod!.Value.Name, StringComparer.Ordinal).First();
        var pod = gateway.Pod!.Value;

        await using var session = await ClipboardSessionAsync();
        var page = session.Page;
        await session.GotoAsync($"gateways?gateway={Uri.EscapeDataString(pod.ToString())}");

        var drawer = page.GetByTestId("gateway-detail");
        await Expect(drawer.Locator(".kd-detail-title")).ToHaveTextAsync(pod.ToString());
        // Positive control: the Admin API URL is on the page, as a secondary fact, not as the gateway's name.
        await Expect(drawer).ToContainTextAsync(gateway.AdminUrl.ToString());
        var row = page.Locator("[data-testid=gateway-grid] tbody tr").Filter(new() { Has = page.GetByTestId("gateway-name").Filter(new() { HasText = pod.Name }) });
        await Expect(row.GetByTestId("gateway-address")).ToHaveTextAsync(gateway.AdminUrl.Authority);
        await Expect(row.GetByTestId("gateway-name")).Not.ToContainTextAsync(gateway.AdminUrl.Authority);

        await drawer.GetByRole(AriaRole.Button, new() { Name = "Copy pod name" }).ClickAsync();
        await Expect(drawer.GetByTestId("copy-gateway-name").GetByRole(AriaRole.Status)).ToHaveTextAsync("Copied");
        Assert.Equal(pod.ToString(), await ClipboardAsync(page));

        await drawer.GetByRole(AriaRole.Button, new() { Name = "Copy link to this gateway" }).ClickAsync();
        await Eventually.HoldsAsync(async () => Assert.EndsWith($"/gateways?gateway={Uri.EscapeDataString(pod.ToString())}", await ClipboardAsync(page), StringComparison.Ordinal));
        Assert.Empty(session.Errors);
    }

    private async Task<BrowserSession> ClipboardSessionAsync()
    {
        var session = await fixture.NewSessionAsync();
        await session.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = fixture.RootUri.TrimEnd('/') });
        return session;
    }

    private static Task<string> ClipboardAsync(IPage page) => page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
}
