using k8s;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>An object's Kubernetes Events in its drawer: the controller's translation failure shows on that Ingress only.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ObjectEventsBrowserTests(BrowserFixture fixture)
{
    private const string TranslationFailed = "KongConfigurationTranslationFailed";

    static ObjectEventsBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task A_translation_failure_event_shows_in_the_broken_ingresses_drawer_and_not_in_anothers()
    {
        var api = fixture.App.Services.EmbeddedServer();
        using var client = new Kubernetes(api.ClientConfiguration());
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var broken = TestIngresses.Storefront($"broken-{suffix}");
        var missing = $"missing-{suffix}";
        broken.Spec.Rules[0].Http.Paths[0].Backend.Service.Name = missing; // no such Service: a translation failure
        var healthy = TestIngresses.Storefront($"healthy-{suffix}");
        await client.NetworkingV1.CreateNamespacedIngressAsync(broken, "shop");
        await client.NetworkingV1.CreateNamespacedIngressAsync(healthy, "shop");

        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync($"translation?selected=shop/{broken.Metadata.Name}");
        var drawer = page.Locator(".kd-detail-drawer.mud-drawer--open");

        // Positive: the controller's Warning naming the missing Service, written after translation and read on the
        // drawer's 5 s poll (each replica that led meanwhile may have recorded its own: at least one).
        var failure = drawer.Locator($"[data-testid=object-event][data-reason={TranslationFailed}]").Filter(new() { HasText = missing }).First;
        await Expect(failure).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Expect(failure).ToHaveAttributeAsync("data-type", "Warning");

        // Another Ingress's drawer lists its own Events (read to the end: loaded or empty) and not that one.
        await session.GotoAsync($"translation?selected=shop/{healthy.Metadata.Name}");
        var events = drawer.GetByTestId("object-events");
        await Expect(drawer.GetByTestId("detail-kind")).ToBeVisibleAsync();
        await Expect(events).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("^(empty|loaded)$"));
        await Expect(drawer.Locator($"[data-testid=object-event][data-reason={TranslationFailed}]")).ToHaveCountAsync(0);
        await Expect(drawer).Not.ToContainTextAsync(missing);
        Assert.Empty(session.Errors);
    }
}
