using System.Text;
using k8s;
using k8s.Models;
using KongDashboard.Core.Controller;
using KongDashboard.Web.Tests.Browser;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Security;

/// <summary>
/// Private keys and credentials never reach a browser or an API client: every page's rendered HTML, the JSON API
/// and /debug/config are scanned for PEM private-key markers, the seeded TLS key, the demo seed's key-auth key
/// (Seed/45-kong-crds.yaml) and a credential value this test adds.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SecretLeakTests(BrowserFixture fixture)
{
    private const string Credential = "seeded-cred-value-7f3a91";

    [Fact]
    public async Task No_page_api_or_debug_dump_contains_a_private_key_or_a_credential()
    {
        await SeedCredentialAsync();
        var seededKey = SeededKeyAuthKey();
        var forbidden = Forbidden().Concat([seededKey, Convert.ToBase64String(Encoding.UTF8.GetBytes(seededKey))]).ToList();

        // Positive control: both keys are in the configuration the dashboard translated for Kong.
        var feed = fixture.App.Services.GetRequiredService<IStateFeed<ControllerState>>();
        await Eventually.HoldsAsync(() =>
        {
            var keys = (feed.Current.Sync.Desired?.Config.Consumers ?? []).SelectMany(c => c.KeyauthCredentials ?? []).Select(k => k["key"]?.ToString()).ToList();
            Assert.Contains(seededKey, keys);
            Assert.Contains(Credential, keys);
            return Task.CompletedTask;
        }, 30_000);

        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("");
        await Expect(session.Page.GetByTestId("unsecured-banner")).ToBeVisibleAsync();
        var pages = (await AccessBrowserTests.NavHrefsAsync(session.Page)).Concat(["translation?tab=failures", "not-found"]).Distinct().ToList();
        Assert.Contains("audit", pages);
        foreach (var href in pages)
        {
            await session.GotoAsync(href);
            await session.WaitForLiveDataAsync();
            AssertClean($"page '{href}'", await session.Page.ContentAsync(), forbidden);
        }

        using var http = new HttpClient { BaseAddress = new Uri(fixture.RootUri) };
        foreach (var path in new[] { "api/v1/status", "api/v1/translation", "api/v1/gateways", "api/v1/leadership", "api/v1/autoscaling", "debug/config/successful", "debug/config/failed", "debug/config/fallback", "debug/config/raw-error" })
        {
            var response = await http.GetAsync(path);
            Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode}");
            AssertClean(path, await response.Content.ReadAsStringAsync(), forbidden);
        }
    }

    private static void AssertClean(string where, string body, IReadOnlyList<string> forbidden)
    {
        foreach (var needle in forbidden)
        {
            Assert.False(body.Contains(needle, StringComparison.Ordinal), $"{where} contains '{needle}'");
        }
    }

    /// <summary>PEM markers, the seeded shop-tls key (decoded and base64) and the credential we seed.</summary>
    private static List<string> Forbidden()
    {
        var seed = File.ReadAllText(Path.Combine(RepositoryRoot.Path(), "src", "KongDashboard.EmbeddedCluster", "Seed", "40-tls-secret.yaml"));
        var keyBase64 = seed.Split('\n').Single(l => l.TrimStart().StartsWith("tls.key:", StringComparison.Ordinal)).Split(':', 2)[1].Trim();
        var keyPem = Encoding.ASCII.GetString(Convert.FromBase64String(keyBase64));
        var keyBodyLine = keyPem.Split('\n')[1];
        return ["PRIVATE KEY-----", keyBase64[..40], keyBodyLine, Credential, Convert.ToBase64String(Encoding.UTF8.GetBytes(Credential))];
    }

    /// <summary>A key-auth credential Secret and a KongConsumer using it, so the credential flows into the Kong config.</summary>
    private async Task SeedCredentialAsync()
    {
        using var client = new Kubernetes(fixture.App.Services.EmbeddedServer().ClientConfiguration());
        var name = $"leak-{Guid.NewGuid():N}"[..14];
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = "shop", Labels = new Dictionary<string, string> { ["konghq.com/credential"] = "key-auth" } },
            StringData = new Dictionary<string, string> { ["key"] = Credential },
        }, "shop");
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(new Dictionary<string, object>
        {
            ["apiVersion"] = "configuration.konghq.com/v1",
            ["kind"] = "KongConsumer",
            ["metadata"] = new Dictionary<string, object> { ["name"] = name, ["namespace"] = "shop", ["annotations"] = new Dictionary<string, string> { ["kubernetes.io/ingress.class"] = "kong" } },
            ["username"] = name,
            ["credentials"] = new[] { name },
        }, "configuration.konghq.com", "v1", "shop", "kongconsumers");
    }

    /// <summary>The demo seed's key-auth key, decoded from its Secret's <c>data.key</c>.</summary>
    private static string SeededKeyAuthKey()
    {
        var seed = File.ReadAllText(Path.Combine(RepositoryRoot.Path(), "src", "KongDashboard.EmbeddedCluster", "Seed", "45-kong-crds.yaml"));
        var line = seed.Split('\n').Single(l => l.StartsWith("  key: ", StringComparison.Ordinal));
        var key = Encoding.UTF8.GetString(Convert.FromBase64String(line.Split(':', 2)[1].Trim()));
        Assert.StartsWith("demo-partner-key-", key, StringComparison.Ordinal);
        return key;
    }
}
