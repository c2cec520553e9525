using System.Net;
using k8s;
using KongDashboard.Web.Tests.Browser;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Security;

/// <summary>Portal embedding (frame-ancestors allow-list), Origin checks, path base and X-Forwarded-Prefix.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HostingBrowserTests(BrowserFixture fixture)
{
    static HostingBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task An_allowed_portal_embeds_the_dashboard_and_another_origin_is_blocked()
    {
        await using var portal = await PortalServer.StartAsync();
        var allowedPortal = $"http://127.0.0.1:{portal.Port}";
        await using var app = AppUnderTest.Start(("Dashboard:FrameAncestors", allowedPortal));
        var dashboard = app.RootUri + "translation?embed=true";

        // Exactly one CSP, naming the portal, and no X-Frame-Options (it cannot express an allow-list).
        using (var http = new HttpClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, dashboard);
            request.Headers.Accept.ParseAdd("text/html");
            using var response = await http.SendAsync(request);
            var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains($"frame-ancestors 'self' {allowedPortal}", csp, StringComparison.Ordinal);
            Assert.False(response.Headers.Contains("X-Frame-Options"));
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            // Embed mode is the tab's (sessionStorage), not a cookie that would reach the browser's other tabs.
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [];
            Assert.DoesNotContain(cookies, c => c.StartsWith("kd-embed=", StringComparison.Ordinal));
        }

        await using var session = await fixture.NewSessionAsync();
        await session.Page.GotoAsync($"{allowedPortal}/?src={Uri.EscapeDataString(dashboard)}");
        var frame = session.Page.FrameLocator("#dash");
        await Expect(frame.Locator("#interactive[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 15_000 });
        await Expect(frame.GetByTestId("embedded")).ToBeVisibleAsync();
        await Expect(frame.GetByTestId("ingress-name").First).ToBeVisibleAsync();
        await Expect(frame.Locator(".kd-appbar")).ToHaveCountAsync(0); // embed mode: no navigation chrome

        // Same portal page, other origin (localhost ≠ 127.0.0.1): the browser refuses to render the frame.
        await using var other = await fixture.NewSessionAsync();
        await other.Page.GotoAsync($"http://localhost:{portal.Port}/?src={Uri.EscapeDataString(dashboard)}");
        await Expect(other.Page.GetByRole(AriaRole.Heading, new() { Name = "Portal" })).ToBeVisibleAsync();
        await Task.Delay(2_000);
        await Expect(other.Page.FrameLocator("#dash").Locator("#interactive")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Circuit_and_hub_connections_from_foreign_origins_are_refused()
    {
        await using var app = AppUnderTest.Start(("Dashboard:AllowedOrigins", "https://portal.example.com"));
        using var http = new HttpClient { BaseAddress = new Uri(app.RootUri) };
        var own = app.RootUri.TrimEnd('/');

        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(http, "_blazor", "https://evil.example.com"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(http, "hubs/state", "https://evil.example.com"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(http, "_blazor", own));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(http, "hubs/state", "https://portal.example.com"));
    }

    [Fact]
    public async Task The_app_works_under_a_path_base_and_honours_X_Forwarded_Prefix_from_a_known_proxy()
    {
        await using var app = AppUnderTest.Start(("Dashboard:PathBase", "/kong-dashboard"), ("Dashboard:KnownProxies", "127.0.0.1/32, ::1/128"));
        await using var session = await fixture.NewSessionAsync();

        await session.GotoAsync(app.RootUri + "kong-dashboard/translation");
        await Expect(session.Page.GetByTestId("ingress-name").First).ToBeVisibleAsync();
        Assert.Equal(app.RootUri + "kong-dashboard/", await session.Page.EvaluateAsync<string>("() => document.baseURI"));

        // A live update arrives through the circuit under the path base.
        using var client = new Kubernetes(app.Services.EmbeddedServer().ClientConfiguration());
        var name = $"pb-{Guid.NewGuid():N}"[..16];
        await client.NetworkingV1.CreateNamespacedIngressAsync(TestIngresses.Storefront(name), "shop");
        await Expect(session.Page.GetByTestId("ingress-name").Filter(new() { HasText = name })).ToBeVisibleAsync();
        Assert.Empty(session.Errors);

        // Behind a prefix-stripping ingress: X-Forwarded-Prefix from a known proxy becomes the base href.
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, app.RootUri);
        request.Headers.Add("X-Forwarded-Prefix", "/kong-ui");
        request.Headers.Accept.ParseAdd("text/html");
        var html = await (await http.SendAsync(request)).Content.ReadAsStringAsync();
        Assert.Contains("<base href=\"/kong-ui/\" />", html, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> NegotiateAsync(HttpClient http, string hub, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{hub}/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        using var response = await http.SendAsync(request);
        return response.StatusCode;
    }
}
