using k8s;
using KongDashboard.Core.Controller;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>
/// Issue 19: a grid's sort is in the URL (<c>?sort=&lt;column&gt;&amp;dir=desc</c>): a link or a reload shows the same
/// order with the arrow on the same column, a header click writes it, and the default sort is never written.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class SortInUrlBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    static SortInUrlBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task A_sort_link_orders_the_rows_and_marks_its_column_and_a_header_click_writes_the_url_that_a_reload_keeps()
    {
        var (prefix, names) = await CreateIngressesAsync();
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await session.GotoAsync($"translation?q={prefix}&sort=name&dir=desc");
        await ExpectOrderAsync(page, [.. names.Order(StringComparer.Ordinal).Reverse()], "a link sorting by name, descending");
        await ExpectArrowAsync(page, "Name", "desc");

        // A click on another header: ascending by it, written to the URL, and the old column loses its arrow.
        await SortButton(page, "Hosts").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"[?&]sort=hosts(&|$)"));
        Assert.DoesNotContain("dir=", page.Url, StringComparison.Ordinal);
        await ExpectOrderAsync(page, [.. names.Order(StringComparer.Ordinal)], "after a click on Hosts");

        await page.ReloadAsync();
        await session.WaitInteractiveAsync();
        await ExpectOrderAsync(page, [.. names.Order(StringComparer.Ordinal)], "after a reload");
        await ExpectArrowAsync(page, "Hosts", "asc");
        await ExpectArrowAsync(page, "Name", null);

        // The default sort (name, ascending) leaves the URL plain: click Name once (ascending), and the sort is gone.
        await SortButton(page, "Name").ClickAsync();
        await Eventually.HoldsAsync(() => !page.Url.Contains("sort=", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the sort leaves the URL");
        Assert.Contains($"q={prefix}", page.Url, StringComparison.Ordinal); // the filter stays
        await SortButton(page, "Name").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("sort=name&dir=desc|dir=desc&sort=name"));
        await ExpectOrderAsync(page, [.. names.Order(StringComparer.Ordinal).Reverse()], "after a second click on Name");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task A_link_to_the_same_page_with_another_sort_re_sorts_the_open_grid_and_an_unknown_column_falls_back_to_the_default()
    {
        var (prefix, names) = await CreateIngressesAsync();
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await session.GotoAsync($"translation?q={prefix}");
        await ExpectOrderAsync(page, [.. names.Order(StringComparer.Ordinal)], "the default sort");
        await ExpectArrowAsync(page, "Name", "asc");

        // In-app navigation (as a link inside the dashboard does) keeps the page and changes only its query.
        await page.EvaluateAsync("url => Blazor.navigateTo(url)", $"translation?q={prefix}&sort=name&dir=desc");
        await ExpectOrderAsync(page, [.. names.Order(StringComparer.Ordinal).Reverse()], "after an in-app link sorting descending");
        await ExpectArrowAsync(page, "Name", "desc");

        await session.GotoAsync($"translation?q={prefix}&sort=no-such-column&dir=desc");
        await ExpectOrderAsync(page, [.. names.Order(StringComparer.Ordinal)], "a link naming an unknown column");
        await ExpectArrowAsync(page, "Name", "asc");
        await Eventually.HoldsAsync(() => !page.Url.Contains("sort=", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "the sort leaves the URL");
        Assert.Empty(session.Errors);
    }

    [Fact]
    public async Task The_kong_routes_and_gateways_grids_take_their_sort_from_the_url_too()
    {
        var (prefix, _) = await CreateIngressesAsync();
        var feed = fixture.App.Services.GetRequiredService<IStateFeed<ControllerState>>();
        await Eventually.True(() => feed.Current.Sync.Gateways.Count(g => g.Pod is not null) >= 2, "two gateways with pods", TimeSpan.FromSeconds(20));
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;

        await session.GotoAsync($"kong/routes?q={prefix}&sort=route&dir=desc");
        var routes = page.GetByTestId("entity-name");
        await Eventually.HoldsAsync(async () => Assert.Equal(3, await routes.CountAsync()));
        await Eventually.HoldsAsync(async () =>
        {
            var shown = await routes.AllInnerTextsAsync();
            Assert.Equal([.. shown.Order(StringComparer.Ordinal).Reverse()], shown);
        });
        await ExpectArrowAsync(page, "Route", "desc");

        await session.GotoAsync("gateways?sort=pod&dir=desc");
        var pods = page.GetByTestId("gateway-name").Locator(".kd-name");
        await Eventually.HoldsAsync(async () => Assert.True(await pods.CountAsync() >= 2, "at least two gateway rows"));
        await Eventually.HoldsAsync(async () =>
        {
            var shown = await pods.AllInnerTextsAsync();
            Assert.Equal([.. shown.Order(StringComparer.Ordinal).Reverse()], shown);
        });
        await ExpectArrowAsync(page, "Pod", "desc");
        Assert.Empty(session.Errors);
    }

    /// <summary>Three Ingresses created out of order (b, c, a), found together by their prefix.</summary>
    private async Task<(string Prefix, string[] Names)> CreateIngressesAsync()
    {
        var api = fixture.App.Services.EmbeddedServer();
        using var client = new Kubernetes(api.ClientConfiguration());
        var prefix = $"srt{Guid.NewGuid():N}"[..11];
        string[] names = [$"{prefix}-b", $"{prefix}-c", $"{prefix}-a"];
        foreach (var name in names)
        {
            await client.NetworkingV1.CreateNamespacedIngressAsync(TestIngresses.Storefront(name), "shop");
        }

        return (prefix, names);
    }

    private async Task ExpectOrderAsync(IPage page, string[] expected, string what)
    {
        var names = page.GetByTestId("ingress-name").Locator(".kd-name");
        IReadOnlyList<string> shown = [];
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                shown = await names.AllInnerTextsAsync();
                Assert.Equal(expected, shown);
            });
        }
        finally
        {
            output.WriteLine($"{what}: {string.Join(", ", shown)}");
        }
    }

    private static ILocator Header(IPage page, string title) =>
        page.Locator("th").Filter(new() { Has = page.GetByText(title, new() { Exact = true }) });

    private static ILocator SortButton(IPage page, string title) => Header(page, title).Locator(".sortable-column-header");

    /// <summary>The header's arrow: "asc", "desc", or null for an unsorted column.</summary>
    private async Task ExpectArrowAsync(IPage page, string title, string? direction)
    {
        var header = Header(page, title);
        await Expect(header).ToHaveCountAsync(1);
        string? classes = null;
        try
        {
            await Eventually.HoldsAsync(async () =>
            {
                classes = await header.Locator(".sort-direction-icon").GetAttributeAsync("class") ?? "";
                if (direction is null)
                {
                    Assert.DoesNotContain("mud-direction-", classes, StringComparison.Ordinal);
                }
                else
                {
                    Assert.Contains($"mud-direction-{direction}", classes, StringComparison.Ordinal);
                }
            });
        }
        catch
        {
            output.WriteLine($"header {title}: {await header.InnerHTMLAsync()}");
            throw;
        }
    }
}
