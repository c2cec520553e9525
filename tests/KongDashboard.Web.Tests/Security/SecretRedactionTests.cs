using System.Text;
using k8s;
using k8s.Models;
using KongDashboard.Components.Sync;
using KongDashboard.Core.Controller;
using KongDashboard.Security;
using KongDashboard.Web.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Security;

/// <summary>
/// Values from Secrets (plugin configFrom and configPatches, a key-auth key Kong rejects as a duplicate) reach Kong,
/// and then no surface a Viewer or an operator reads shows them: pages, the download, /api/v1, /debug/config, Events, logs.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SecretRedactionTests(BrowserFixture fixture)
{
    static SecretRedactionTests() => SetDefaultExpectTimeout(15_000);

    [Fact]
    public async Task Secret_derived_plugin_values_and_a_duplicate_key_reach_Kong_but_no_surface_shows_them()
    {
        var logs = new CapturedLogs();
        await using var app = new DashboardAppFactory(
            new Dictionary<string, string?> { ["Dashboard:Auth:UnsecuredRole"] = DashboardRoles.Viewer },
            services => services.AddSingleton<ILoggerProvider>(logs));
        var root = app.RootUri;
        await app.MakeTheDashboardsReplicaLeadAsync("secret redaction test");

        var u = Guid.NewGuid().ToString("N")[..8];
        var fromSecret = $"plugsecret-{u}";
        var patchSecret = $"patchsecret-{u}";
        var duplicateKey = $"dupkey-{u}";
        await SeedAsync(app, u, fromSecret, patchSecret, duplicateKey);
        var forbidden = new[] { fromSecret, patchSecret, duplicateKey };

        // Positive controls: the plugin values are what Kong serves; the key is in the body pushed to Kong and in Kong's answer.
        var fleet = app.Services.EmbeddedServer().KongGateways!;
        await Eventually.HoldsAsync(() =>
        {
            var served = fleet.Gateways.Values.Select(g => g.CurrentConfiguration?.ToJsonString() ?? "").ToList();
            Assert.Contains(served, c => c.Contains(fromSecret, StringComparison.Ordinal) && c.Contains(patchSecret, StringComparison.Ordinal));
            return Task.CompletedTask;
        }, 30_000);
        var feed = app.Services.GetRequiredService<IStateFeed<ControllerState>>();
        await Eventually.HoldsAsync(() =>
        {
            Assert.Contains(duplicateKey, Encoding.UTF8.GetString(feed.Current.Sync.LastFailed?.Payload.Body ?? []), StringComparison.Ordinal);
            return Task.CompletedTask;
        }, 30_000);
        var failed = feed.Current.Sync.LastFailed!;
        using (var kong = new HttpClient { BaseAddress = fleet.Gateways.Values.First().AdminAddress })
        {
            using var rejected = await kong.PostAsync("config?flatten_errors=1", new ByteArrayContent(failed.Payload.Body) { Headers = { ContentType = new("application/json") } });
            var kongSays = await rejected.Content.ReadAsStringAsync();
            Assert.Contains("uniqueness violation", kongSays, StringComparison.Ordinal);
            Assert.Contains(duplicateKey, kongSays, StringComparison.Ordinal);
        }

        // What the pages render from: the Configuration page (and its download), Last failed, the Translation drawer.
        var current = ConfigView.Of(feed.Current.Sync.Desired!, DateTimeOffset.UtcNow).Yaml;
        Assert.Contains("request-transformer", current, StringComparison.Ordinal);
        AssertClean("configuration yaml", current, forbidden);
        AssertClean("last failed yaml", ConfigView.Of(failed.Payload, DateTimeOffset.UtcNow).Yaml, forbidden);
        Assert.Contains("uniqueness violation", failed.RawError, StringComparison.Ordinal);
        AssertClean("raw error", SecretText.RawError(failed.RawError!), forbidden);
        AssertClean("rejections", string.Join('\n', failed.Rejections.Select(r => r.Message)), forbidden);
        var row = feed.Current.Translation.Rows.Single(r => r.Key.Name == $"sec-{u}");
        Assert.Contains("request-transformer", row.KongYaml.Value, StringComparison.Ordinal);
        AssertClean("translation drawer", row.KongYaml.Value, forbidden);

        using (var http = new HttpClient { BaseAddress = new Uri(root) })
        {
            foreach (var path in new[] { "api/v1/status", "api/v1/translation", "api/v1/gateways", "debug/config/successful", "debug/config/failed", "debug/config/raw-error" })
            {
                var response = await http.GetAsync(path);
                Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
                var body = await response.Content.ReadAsStringAsync();
                Assert.False(string.IsNullOrEmpty(body), $"{path} is empty");
                AssertClean(path, body, forbidden);
            }

            Assert.Contains("uniqueness violation", await http.GetStringAsync("debug/config/raw-error"), StringComparison.Ordinal);
        }

        await using (var session = await NewSessionAsync(root))
        {
            await session.GotoAsync("configuration");
            await Expect(session.Page.GetByTestId("current-config")).ToBeVisibleAsync();
            AssertClean("configuration page", await session.Page.ContentAsync(), forbidden);
            await session.Page.GetByRole(Microsoft.Playwright.AriaRole.Tab, new() { Name = "Last failed" }).ClickAsync();
            await Expect(session.Page.GetByTestId("last-failed")).ToBeVisibleAsync();
            await session.Page.GetByTestId("raw-error").ClickAsync();
            await Expect(session.Page.Locator(".kd-raw-error")).ToContainTextAsync("uniqueness violation");
            AssertClean("configuration › last failed", await session.Page.ContentAsync(), forbidden);

            await session.GotoAsync($"translation?selected=shop%2Fsec-{u}");
            await Expect(session.Page.GetByTestId("ingress-detail")).ToBeVisibleAsync();
            AssertClean("translation drawer page", await session.Page.ContentAsync(), forbidden);
        }

        // Events on the Secret Kong rejected, and everything logged.
        using var client = new Kubernetes(app.Services.EmbeddedServer().ClientConfiguration());
        await Eventually.HoldsAsync(async () =>
        {
            var events = await client.CoreV1.ListNamespacedEventAsync("shop");
            Assert.Contains(events.Items, e => e.Reason == "KongConfigurationApplyFailed" && e.Message.Contains("uniqueness violation", StringComparison.Ordinal));
        }, 20_000);
        foreach (var e in (await client.CoreV1.ListEventForAllNamespacesAsync()).Items)
        {
            AssertClean($"event {e.Reason} on {e.InvolvedObject.Name}", e.Message ?? "", forbidden);
        }

        Assert.Contains(logs.Lines, l => l.Contains("rejected", StringComparison.OrdinalIgnoreCase) || l.Contains("uniqueness", StringComparison.Ordinal));
        foreach (var line in logs.Lines)
        {
            AssertClean("log", line, forbidden);
        }
    }

    private static void AssertClean(string where, string body, IEnumerable<string> forbidden)
    {
        foreach (var needle in forbidden)
        {
            Assert.False(body.Contains(needle, StringComparison.Ordinal), $"{where} contains '{needle}'");
        }
    }

    private async Task<BrowserSession> NewSessionAsync(string root)
    {
        var context = await fixture.Browser.NewContextAsync(new() { BaseURL = root, ViewportSize = new() { Width = 1440, Height = 900 } });
        return new BrowserSession(context, await context.NewPageAsync());
    }

    /// <summary>Two plugins fed from Secrets on a new Ingress, and two consumers whose key-auth Secrets hold the same key.</summary>
    private static async Task SeedAsync(DashboardAppFactory app, string u, string fromSecret, string patchSecret, string duplicateKey)
    {
        using var client = new Kubernetes(app.Services.EmbeddedServer().ClientConfiguration());
        async Task SecretAsync(string name, Dictionary<string, string> data, Dictionary<string, string>? labels = null) =>
            await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop", Labels = labels }, StringData = data }, "shop");
        async Task CustomAsync(string plural, Dictionary<string, object> body) =>
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(body, "configuration.konghq.com", "v1", "shop", plural);

        await SecretAsync($"plug-{u}", new() { ["config"] = "{\"add\":{\"headers\":[\"x-plug-token:" + fromSecret + "\"]}}" });
        await SecretAsync($"patch-{u}", new() { ["value"] = $"""["x-patch-token:{patchSecret}"]""" });
        await CustomAsync("kongplugins", new()
        {
            ["apiVersion"] = "configuration.konghq.com/v1",
            ["kind"] = "KongPlugin",
            ["metadata"] = new Dictionary<string, object> { ["name"] = $"plug-{u}", ["namespace"] = "shop" },
            ["plugin"] = "request-transformer",
            ["configFrom"] = new Dictionary<string, object> { ["secretKeyRef"] = new Dictionary<string, string> { ["name"] = $"plug-{u}", ["key"] = "config" } },
        });
        await CustomAsync("kongplugins", new()
        {
            ["apiVersion"] = "configuration.konghq.com/v1",
            ["kind"] = "KongPlugin",
            ["metadata"] = new Dictionary<string, object> { ["name"] = $"patch-{u}", ["namespace"] = "shop" },
            ["plugin"] = "response-transformer",
            ["config"] = new Dictionary<string, object> { ["add"] = new Dictionary<string, object> { ["json"] = new[] { "x-plain:1" } } },
            ["configPatches"] = new[]
            {
                new Dictionary<string, object> { ["path"] = "/add/headers", ["valueFrom"] = new Dictionary<string, object> { ["secretKeyRef"] = new Dictionary<string, string> { ["name"] = $"patch-{u}", ["key"] = "value" } } },
            },
        });
        var ingress = TestIngresses.Storefront($"sec-{u}");
        ingress.Metadata.Annotations = new Dictionary<string, string> { ["konghq.com/plugins"] = $"plug-{u},patch-{u}" };
        await client.NetworkingV1.CreateNamespacedIngressAsync(ingress, "shop");

        foreach (var who in new[] { "a", "b" })
        {
            await SecretAsync($"key-{who}-{u}", new() { ["key"] = duplicateKey }, new() { ["konghq.com/credential"] = "key-auth" });
            await CustomAsync("kongconsumers", new()
            {
                ["apiVersion"] = "configuration.konghq.com/v1",
                ["kind"] = "KongConsumer",
                ["metadata"] = new Dictionary<string, object> { ["name"] = $"user-{who}-{u}", ["namespace"] = "shop", ["annotations"] = new Dictionary<string, string> { ["kubernetes.io/ingress.class"] = "kong" } },
                ["username"] = $"user-{who}-{u}",
                ["credentials"] = new[] { $"key-{who}-{u}" },
            });
        }
    }
}
