using System.Diagnostics;
using KongDashboard.Core.Controller;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>Leadership moved from the UI of the real app (three controller replicas on the embedded cluster).</summary>
[Collection(BrowserCollection.Name)]
public sealed class LeadershipBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    static LeadershipBrowserTests() => SetDefaultExpectTimeout(20_000);

    [Fact]
    public async Task Hand_off_from_the_page_moves_the_lease_to_the_chosen_candidate()
    {
        var feed = fixture.App.Services.GetRequiredService<IStateFeed<ControllerState>>();
        await using var session = await fixture.NewSessionAsync();
        await session.GotoAsync("leadership");
        var page = session.Page;
        await Expect(page.GetByTestId("lease-holder")).Not.ToHaveTextAsync("", new() { Timeout = 30_000 });
        await Expect(page.Locator("[data-testid=candidates] tbody tr")).ToHaveCountAsync(3, new() { Timeout = 30_000 });
        var holder = feed.Current.Leadership.Holder!;
        var target = feed.Current.Leadership.Candidates.First(c => c.Ready && c.Identity != holder).Identity;
        var transitions = feed.Current.Leadership.Lease!.LeaseTransitions;

        await page.GetByTestId("handoff-target").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = target }).ClickAsync();
        var clock = Stopwatch.StartNew();
        await page.GetByTestId("handoff").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Hand off", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("lease-holder")).ToContainTextAsync(target);
        output.WriteLine($"UI hand-off {holder} -> {target}: holder shown after {clock.ElapsedMilliseconds} ms");
        await Expect(page.GetByTestId("lease-transitions")).ToHaveTextAsync((transitions + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("last-handoff")).ToContainTextAsync("Completed");
        Assert.Empty(session.Errors);
    }
}
