using k8s;
using KongDashboard.Core.Controller;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>Issue 19: Ctrl-K searches everything; the keyboard moves through the results, Enter opens one, Escape closes.</summary>
[Collection(BrowserCollection.Name)]
public sealed class GlobalSearchBrowserTests(BrowserFixture fixture)
{
    static GlobalSearchBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task Ctrl_k_opens_the_search_typing_a_unique_ingress_name_finds_it_and_enter_opens_its_drawer()
    {
        var name = await CreateIngressAsync("find");

        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync("");
        await Expect(page.Locator("html[data-kd-search=on]")).ToHaveCountAsync(1);
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Search everything" });
        await Expect(dialog).ToHaveCountAsync(0);

        await page.Keyboard.PressAsync("Control+k");
        var input = page.Locator("#kd-search-input");
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(input).ToBeFocusedAsync();
        // Before typing: the pages, Logs among them.
        await Expect(dialog.GetByRole(AriaRole.Option, new() { Name = "Logs" })).ToBeVisibleAsync();

        // Typed key by key: the box is the browser's own (the server never renders its value), so a slow circuit's
        // reply to an earlier keystroke cannot overwrite later ones.
        await input.PressSequentiallyAsync(name);
        await Expect(input).ToHaveValueAsync(name);
        Assert.Null(await input.GetAttributeAsync("value"));
        // The Ingress first (its group leads), then what it produced (Kong routes named after it).
        var options = dialog.GetByRole(AriaRole.Option);
        await Expect(options.First).ToContainTextAsync(name);
        await Expect(dialog.GetByRole(AriaRole.Group, new() { Name = "Ingresses and routes" }).GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await Expect(options.First).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(input).ToHaveAttributeAsync("aria-activedescendant", "kd-search-option-0");

        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/translation\\?selected=shop%2F{name}$"));
        await Expect(page.GetByTestId("ingress-detail").Locator(".kd-detail-title")).ToHaveTextAsync($"shop/{name}");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_app_bar_button_opens_it_arrows_move_the_active_result_and_escape_closes_it_where_it_was()
    {
        var stem = await CreateIngressAsync("arrow");
        var longer = await CreateIngressAsync(stem + "-x", exact: true);

        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.GotoAsync("gateways");
        await page.GetByTestId("global-search-button").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog, new() { Name = "Search everything" });
        var input = page.Locator("#kd-search-input");
        await Expect(input).ToBeFocusedAsync();

        await input.FillAsync(stem);
        var options = dialog.GetByRole(AriaRole.Group, new() { Name = "Ingresses and routes" }).GetByRole(AriaRole.Option);
        await Expect(options).ToHaveCountAsync(2);
        // Exact name first, then the prefix match.
        await Expect(options.Nth(0)).ToContainTextAsync(stem);
        await Expect(options.Nth(1)).ToContainTextAsync(longer);
        await Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");

        await page.Keyboard.PressAsync("ArrowDown");
        await Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "false");
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        // Up from the first wraps to the last result of all groups (the Kong entities and Services come after).
        await page.Keyboard.PressAsync("ArrowUp");
        await Expect(dialog.GetByRole(AriaRole.Option).Last).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "false");

        await page.Keyboard.PressAsync("Escape");
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.EndsWith("/gateways", page.Url, StringComparison.Ordinal);
        Assert.Empty(session.Errors);
    }

    // A uniquely named Ingress, waited for in the published state (the search reads that, not the cluster).
    private async Task<string> CreateIngressAsync(string prefix, bool exact = false)
    {
        var name = exact ? prefix : $"{prefix}-{Guid.NewGuid():N}"[..20];
        var api = fixture.App.Services.EmbeddedServer();
        using var client = new Kubernetes(api.ClientConfiguration());
        await client.NetworkingV1.CreateNamespacedIngressAsync(TestIngresses.Storefront(name), "shop");
        var feed = fixture.App.Services.GetRequiredService<IStateFeed<ControllerState>>();
        await Eventually.HoldsAsync(() =>
        {
            Assert.Contains(feed.Current.Translation.Rows, r => r.Key.Namespace == "shop" && r.Key.Name == name);
            return Task.CompletedTask;
        }, 20_000);
        return name;
    }
}
