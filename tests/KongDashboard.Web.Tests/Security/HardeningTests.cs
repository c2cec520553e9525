using System.Net;
using KongDashboard.Audit;
using KongDashboard.Web.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Security;

/// <summary>The adversarial review's reproductions (issue 13, items 2–4, 6, 7), each against the real app over HTTP or in Chromium.</summary>
[Collection(BrowserCollection.Name)]
public sealed class HardeningTests(BrowserFixture fixture)
{
    private const string Token = "admin-token-5d2b7c";
    private const string ViewerToken = "viewer-token-91e0aa";

    static HardeningTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task Return_urls_stay_on_the_site_and_control_characters_are_a_400()
    {
        await using var app = AppUnderTest.Start(("Dashboard:Auth:Mode", "BrowserToken"), ("Dashboard:Auth:BrowserToken", Token));
        using var http = NoRedirects(app.RootUri);

        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"login?t={Token}&returnUrl=%2F%09%2Fevil.example%2F")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.GetAsync($"login?t={Token}&returnUrl=%2F%0D%0ASet-Cookie:%20x=1")).StatusCode);
        foreach (var hostile in new[] { "%2F%2Fevil.example", "%2F%5Cevil.example", "https:%2F%2Fevil.example", "%2F%252F%252Fevil.example" })
        {
            var response = await http.GetAsync($"login?t={Token}&returnUrl={hostile}");
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/", response.Headers.Location?.OriginalString);
        }

        // The positive control: a local return URL is followed.
        var good = await http.GetAsync($"login?t={Token}&returnUrl=%2Ftranslation%3Ftab%3Dfailures");
        Assert.Equal("/translation?tab=failures", good.Headers.Location?.OriginalString);

        // Chromium, which strips the tab and would have followed "/\t/evil.example/" to another origin, stays here.
        await using var session = await SessionAsync(app.RootUri);
        await session.Page.GotoAsync($"login?t={Token}&returnUrl=%2F%5C%2Fevil.example%2F");
        Assert.StartsWith(app.RootUri, session.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_continue_link_of_proxy_and_oidc_modes_is_a_path_on_the_site()
    {
        await using var app = AppUnderTest.Start(("Dashboard:Auth:Mode", "TrustedHeader"), ("Dashboard:KnownProxies", "10.0.0.0/8"));
        using var http = NoRedirects(app.RootUri);
        var html = await (await http.GetAsync("login?returnUrl=%2Fhttps:%2Fevil.example")).Content.ReadAsStringAsync();

        Assert.Contains("data-testid=\"login-continue\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/https:/evil.example\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"https:", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_pages_are_404_with_the_not_found_page_and_every_sampled_response_has_the_security_headers()
    {
        await using var app = AppUnderTest.Start(("Dashboard:AllowedOrigins", "https://portal.example.com"));
        using var http = NoRedirects(app.RootUri);

        var notFound = await SendAsync(http, HttpMethod.Get, "no-such-page/here", html: true);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("<!DOCTYPE html>", await notFound.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        AssertSecurityHeaders("404 page", notFound);

        var api404 = await SendAsync(http, HttpMethod.Get, "api/v1/no-such-thing", html: false);
        Assert.Equal(HttpStatusCode.NotFound, api404.StatusCode);
        AssertSecurityHeaders("api 404", api404);

        var badRequest = await SendAsync(http, HttpMethod.Get, "login?returnUrl=%2F%0Ax", html: true);
        Assert.Equal(HttpStatusCode.BadRequest, badRequest.StatusCode);
        AssertSecurityHeaders("400", badRequest);

        using var negotiate = new HttpRequestMessage(HttpMethod.Post, "_blazor/negotiate?negotiateVersion=1");
        negotiate.Headers.Add("Origin", "https://evil.example.com");
        var forbidden = await http.SendAsync(negotiate);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        AssertSecurityHeaders("403", forbidden);

        foreach (var path in new[] { "css/app.css", "favicon.svg", "login", "" })
        {
            var ok = await SendAsync(http, HttpMethod.Get, path, html: true);
            Assert.True(ok.IsSuccessStatusCode, $"{path}: {ok.StatusCode}");
            AssertSecurityHeaders(path, ok);
        }

        // In Chromium the signed-in user sees the NotFound page in the app's layout.
        await using var session = await SessionAsync(app.RootUri);
        var response = await session.Page.GotoAsync("nowhere");
        Assert.Equal(404, response!.Status);
        await Expect(session.Page.GetByText("Page not found")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Login_is_a_post_with_antiforgery_a_cross_site_link_signs_nobody_in_and_sign_out_ends_the_session()
    {
        await using var app = AppUnderTest.Start(
            ("Dashboard:Auth:Mode", "BrowserToken"), ("Dashboard:Auth:BrowserToken", Token), ("Dashboard:Auth:ViewerToken", ViewerToken),
            ("Dashboard:KnownProxies", "127.0.0.1/32, ::1/128"));
        using (var http = NoRedirects(app.RootUri))
        {
            // A form post without the antiforgery token (what a cross-site auto-submitting form can send) is refused.
            var forged = await http.PostAsync("login", new FormUrlEncodedContent(new Dictionary<string, string> { ["t"] = ViewerToken }));
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.False(forged.Headers.Contains("Set-Cookie") && forged.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(".KongDashboard.Auth", StringComparison.Ordinal)));

            // The link opened from another site does not sign in; the same link opened by the user does.
            using var crossSite = new HttpRequestMessage(HttpMethod.Get, $"login?t={ViewerToken}");
            crossSite.Headers.Add("Sec-Fetch-Site", "cross-site");
            var refused = await http.SendAsync(crossSite);
            Assert.Equal("/login?returnUrl=%2F", refused.Headers.Location?.OriginalString);
            Assert.False(refused.Headers.Contains("Set-Cookie"));

            // Cookies are Secure when the request was https, here as a known proxy says with X-Forwarded-Proto.
            using var overHttps = new HttpRequestMessage(HttpMethod.Get, $"login?t={Token}");
            overHttps.Headers.Add("X-Forwarded-Proto", "https");
            var secure = await http.SendAsync(overHttps);
            Assert.Contains(secure.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".KongDashboard.Auth", StringComparison.Ordinal) && c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
            var plain = await http.GetAsync($"login?t={Token}");
            Assert.Contains(plain.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".KongDashboard.Auth", StringComparison.Ordinal) && !c.Contains("; secure", StringComparison.OrdinalIgnoreCase));
        }

        await using var session = await SessionAsync(app.RootUri);
        var page = session.Page;
        await page.GotoAsync("translation");
        await Expect(page.GetByTestId("login-form")).ToBeVisibleAsync();
        Assert.Equal("post", await page.GetByTestId("login-form").GetAttributeAsync("method"));
        await page.FillAsync("#kd-token", Token);
        await page.ClickAsync("button[type=submit]");
        await session.WaitInteractiveAsync();
        Assert.EndsWith("/translation", page.Url, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, page.Url, StringComparison.Ordinal);
        await Expect(page.GetByTestId("current-user")).ToContainTextAsync("Admin");

        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByTestId("login-page")).ToBeVisibleAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, (HttpStatusCode)(await page.APIRequest.GetAsync("api/v1/status")).Status);

        // The printed link still works, and leaves a clean URL.
        await page.GotoAsync($"login?t={Token}&returnUrl=%2Fgateways");
        await session.WaitInteractiveAsync();
        Assert.EndsWith("/gateways", page.Url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (HttpStatusCode)(await page.APIRequest.GetAsync("api/v1/status")).Status);
    }

    [Fact]
    public async Task Only_allowed_host_names_reach_the_app_and_a_rebound_name_cannot_open_the_circuit()
    {
        await using var app = AppUnderTest.Start(("Dashboard:AllowedHosts", "ops.example.com"));
        using var http = NoRedirects(app.RootUri);
        var port = new Uri(app.RootUri).Port;

        Assert.Equal(HttpStatusCode.BadRequest, await NegotiateAsync(http, $"evil.example:{port}"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(http, $"localhost:{port}"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(http, $"ops.example.com:{port}"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(http, $"127.0.0.1:{port}"));
        Assert.Throws<InvalidOperationException>(() => KongDashboard.Security.DashboardHostFiltering.AllowedHosts(new() { AllowedHosts = "ops.example.com/evil" }));
    }

    [Fact]
    public async Task A_viewer_who_re_enables_a_disabled_admin_button_is_refused_on_record()
    {
        await using var app = AppUnderTest.Start(
            ("Dashboard:Auth:Mode", "TrustedHeader"), ("Dashboard:KnownProxies", "127.0.0.1/32, ::1/128"), ("Dashboard:Auth:AdminGroups", "kong-admins"));
        await using var session = await SessionAsync(app.RootUri, new Dictionary<string, string> { ["X-Forwarded-User"] = "mallory", ["X-Forwarded-Groups"] = "qa" });
        var trail = app.Services.GetRequiredService<AuditLog>().Feed;
        await session.GotoAsync("gateways");
        var button = session.Page.Locator(".kd-admin-gate[data-allowed=false] button").First;
        await Expect(button).ToBeDisabledAsync();
        Assert.Empty(trail.Current.Entries); // the positive control: nothing recorded before the forced click

        await button.EvaluateAsync("b => b.removeAttribute('disabled')");
        await button.ClickAsync();

        await Eventually.HoldsAsync(() =>
        {
            var entry = Assert.Single(trail.Current.Entries);
            Assert.Equal(("mallory", AuditResult.Refused, "disabled-admin-control", "/gateways"), (entry.User, entry.Result, entry.Action, entry.Target));
            return Task.CompletedTask;
        });
    }

    private static async Task<HttpStatusCode> NegotiateAsync(HttpClient http, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "_blazor/negotiate?negotiateVersion=1");
        request.Headers.Host = host;
        request.Headers.Add("Origin", $"http://{host}");
        return (await http.SendAsync(request)).StatusCode;
    }

    private static void AssertSecurityHeaders(string what, HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var csp), $"{what}: no CSP");
        Assert.Contains("frame-ancestors", Assert.Single(csp), StringComparison.Ordinal);
        Assert.True(response.Headers.TryGetValues("X-Content-Type-Options", out var nosniff) && nosniff.Single() == "nosniff", $"{what}: no nosniff");
        Assert.True(response.Headers.Contains("Referrer-Policy"), $"{what}: no Referrer-Policy");
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, bool html)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Accept.ParseAdd(html ? "text/html" : "application/json");
        return http.SendAsync(request);
    }

    private static HttpClient NoRedirects(string root) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(root) };

    private async Task<BrowserSession> SessionAsync(string root, IDictionary<string, string>? headers = null)
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = root, ViewportSize = new() { Width = 1440, Height = 900 }, ExtraHTTPHeaders = headers });
        return new BrowserSession(context, await context.NewPageAsync());
    }
}
