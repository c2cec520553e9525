using System.Net;
using k8s;
using KongDashboard.Actions;
using KongDashboard.Audit;
using KongDashboard.Web.Tests.Browser;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Security;

/// <summary>Sign-in and roles against the real app: BrowserToken login, a TrustedHeader viewer, server-side refusal.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessBrowserTests(BrowserFixture fixture)
{
    private const string Token = "good-token-4c1e9a";

    static AccessBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task Token_login_no_token_shows_the_login_page_a_bad_one_is_refused_the_good_one_signs_in()
    {
        await using var app = AppUnderTest.Start(("Dashboard:Auth:Mode", "BrowserToken"), ("Dashboard:Auth:BrowserToken", Token));
        await using var session = await SessionAsync(app.RootUri);
        var page = session.Page;

        await page.GotoAsync("translation");
        await Expect(page.GetByTestId("login-page")).ToBeVisibleAsync();
        Assert.Contains("/login", page.Url, StringComparison.Ordinal);

        await page.GotoAsync("login?t=bad-token-zz9&returnUrl=%2Ftranslation");
        await Expect(page.GetByTestId("login-failed")).ToBeVisibleAsync();
        Assert.DoesNotContain("bad-token-zz9", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain("bad-token-zz9", await page.ContentAsync(), StringComparison.Ordinal);
        using (var http = new HttpClient { BaseAddress = new Uri(app.RootUri) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("api/v1/status")).StatusCode);
        }

        await page.GotoAsync($"login?t={Token}&returnUrl=%2Ftranslation");
        await session.WaitInteractiveAsync();
        Assert.EndsWith("/translation", page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("Admin");
        Assert.DoesNotContain(Token, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trusted_header_viewer_sees_no_enabled_admin_action_and_the_server_refuses_one()
    {
        await using var app = AppUnderTest.Start(
            ("Dashboard:Auth:Mode", "TrustedHeader"),
            ("Dashboard:KnownProxies", "127.0.0.1/32, ::1/128"),
            ("Dashboard:Auth:AdminGroups", "kong-admins"));
        var viewerHeaders = new Dictionary<string, string> { ["X-Forwarded-User"] = "vera", ["X-Forwarded-Groups"] = "developers,qa" };
        await using var session = await SessionAsync(app.RootUri, viewerHeaders);

        await session.GotoAsync("");
        await Expect(session.Page.GetByTestId("current-user")).ToContainTextAsync("vera · Viewer");
        // Every page's admin actions (wrapped in AdminGate) are denied with a reason, and none of their buttons is enabled.
        foreach (var href in await NavHrefsAsync(session.Page))
        {
            await session.GotoAsync(href);
            await session.WaitForLiveDataAsync(); // the action rows render from live data
            foreach (var gate in await session.Page.Locator(".kd-admin-gate").AllAsync())
            {
                Assert.Equal("false", await gate.GetAttributeAsync("data-allowed"));
                Assert.Contains("Viewer", await gate.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
                foreach (var button in await gate.Locator("button").AllAsync())
                {
                    Assert.False(await button.IsEnabledAsync(), $"an enabled admin button on {href}");
                }
            }
        }

        // The server does not trust the UI: the action, run through the registered IDashboardActions (the decorator)
        // as the user the real TrustedHeader handler authenticates, is refused and audited.
        var outcome = await RunAsUserAsync(app, viewerHeaders, new ResyncAction(null));
        Assert.False(outcome.Succeeded);
        Assert.Contains("Admin role", outcome.Message, StringComparison.Ordinal);

        await session.GotoAsync("audit");
        await Expect(session.Page.GetByTestId("audit-row").First).ToContainTextAsync("vera");
        await Expect(session.Page.GetByTestId("audit-result").First).ToContainTextAsync("Refused");

        // …and recorded as a Kubernetes Event through the controller's cluster connection.
        using var client = new Kubernetes(app.Services.EmbeddedServer().ClientConfiguration());
        await Eventually.HoldsAsync(async () =>
        {
            var events = await client.CoreV1.ListEventForAllNamespacesAsync();
            Assert.Contains(events.Items, e => e.Reason == AuditEventWriter.Reason && e.Message.Contains("vera", StringComparison.Ordinal));
        });
    }

    [Fact]
    public async Task Trusted_headers_count_only_from_known_proxies_and_admin_groups_make_admins()
    {
        await using var app = AppUnderTest.Start(
            ("Dashboard:Auth:Mode", "TrustedHeader"),
            ("Dashboard:KnownProxies", "10.0.0.0/8"),
            ("Dashboard:Auth:AdminGroups", "kong-admins"));
        var admin = new Dictionary<string, string> { ["X-Forwarded-User"] = "ada", ["X-Forwarded-Groups"] = "kong-admins" };

        // Loopback is not a known proxy here: the same headers are ignored, and the pages stay closed.
        using (var http = new HttpClient { BaseAddress = new Uri(app.RootUri) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/status");
            request.Headers.Add("X-Forwarded-User", "ada");
            request.Headers.Add("X-Forwarded-Groups", "kong-admins");
            Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(request)).StatusCode);
        }

        Assert.Null(await AuthenticateAsync(app, admin, IPAddress.Parse("192.168.1.5")));
        var user = await AuthenticateAsync(app, admin, IPAddress.Parse("10.1.2.3"));
        Assert.NotNull(user);
        Assert.True(user.IsInRole("Admin"));
        var viewer = await AuthenticateAsync(app, new Dictionary<string, string> { ["X-Forwarded-User"] = "vic" }, IPAddress.Parse("10.1.2.3"));
        Assert.True(viewer!.IsInRole("Viewer"));
    }

    internal static async Task<IReadOnlyList<string>> NavHrefsAsync(IPage page)
    {
        var links = await page.Locator("nav a[href]").AllAsync();
        var hrefs = new List<string>();
        foreach (var link in links)
        {
            hrefs.Add(await link.GetAttributeAsync("href") ?? "");
        }

        return hrefs.Distinct().ToList();
    }

    private async Task<BrowserSession> SessionAsync(string baseUrl, IDictionary<string, string>? headers = null)
    {
        var context = await fixture.Browser.NewContextAsync(new()
        {
            BaseURL = baseUrl,
            ViewportSize = new() { Width = 1440, Height = 900 },
            ExtraHTTPHeaders = headers,
        });
        return new BrowserSession(context, await context.NewPageAsync());
    }

    private static async Task<System.Security.Claims.ClaimsPrincipal?> AuthenticateAsync(DashboardAppFactory app, IDictionary<string, string> headers, IPAddress peer)
    {
        using var scope = app.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Connection.RemoteIpAddress = peer;
        foreach (var (name, value) in headers)
        {
            http.Request.Headers[name] = value;
        }

        var result = await http.AuthenticateAsync();
        return result.Succeeded ? result.Principal : null;
    }

    private static async Task<ActionOutcome> RunAsUserAsync(DashboardAppFactory app, IDictionary<string, string> headers, DashboardAction action)
    {
        using var scope = app.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Connection.RemoteIpAddress = IPAddress.Loopback;
        foreach (var (name, value) in headers)
        {
            http.Request.Headers[name] = value;
        }

        var result = await http.AuthenticateAsync();
        Assert.True(result.Succeeded);
        scope.ServiceProvider.GetRequiredService<ActionCaller>().Set(result.Principal!, "127.0.0.1");
        return await scope.ServiceProvider.GetRequiredService<IDashboardActions>().RunAsync(action);
    }
}
