using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>
/// axe-core (the engine behind Lighthouse and the axe browser extension) on every page, every open drawer and
/// dialog, in both themes: no serious or critical violation may remain.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture fixture, ITestOutputHelper output)
{
    static AccessibilityBrowserTests() => SetDefaultExpectTimeout(10_000);

    private static readonly string[] Pages = ["", "translation", "gateways", "configuration", "gateway-api", "leadership", "autoscaling", "audit",
        "kong/services", "kong/routes", "kong/upstreams", "kong/plugins", "kong/consumers", "kong/certificates", "logs"];

    [Theory]
    [InlineData("light")]
    [InlineData("dark")]
    public async Task Every_page_drawer_and_dialog_has_no_serious_or_critical_axe_violation(string theme)
    {
        await using var session = await fixture.NewSessionAsync(theme == "dark" ? ColorScheme.Dark : ColorScheme.Light);
        // The remembered choice, so the very first render is already in this theme (no OS probe after first paint).
        await session.Context.AddCookiesAsync([new() { Name = "kd-theme", Value = theme, Url = fixture.RootUri }]);
        var page = session.Page;
        var report = new List<string>();
        var failures = new List<string>();

        foreach (var path in Pages)
        {
            await session.GotoAsync(path);
            await session.WaitForLiveDataAsync();
            await ScanAsync(page, Name(path), report, failures);
        }

        // The Ingress drawer (opened by clicking a row) and the Gateways drawer.
        await session.GotoAsync("translation");
        await page.GetByTestId("ingress-name").First.ClickAsync();
        await Expect(page.Locator(".kd-detail-drawer.mud-drawer--open")).ToBeVisibleAsync();
        await ScanAsync(page, "translation + ingress drawer", report, failures);

        await session.GotoAsync("gateways");
        await page.GetByTestId("gateway-name").First.ClickAsync();
        await Expect(page.Locator(".kd-detail-drawer.mud-drawer--open")).ToBeVisibleAsync();
        await ScanAsync(page, "gateways + gateway drawer", report, failures);

        // A confirmation dialog (nothing is confirmed: the test cancels it).
        await session.GotoAsync("leadership");
        await page.GetByTestId("crash-leader").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToBeVisibleAsync();
        await ScanAsync(page, "leadership + confirm dialog", report, failures);
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);

        // The keyboard shortcuts help ("?").
        await page.Locator("#kd-main").FocusAsync();
        await page.Keyboard.PressAsync("?");
        await Expect(page.GetByTestId("shortcuts")).ToBeVisibleAsync();
        await ScanAsync(page, "leadership + shortcuts dialog", report, failures);
        await page.GetByTestId("shortcuts-close").ClickAsync();
        await Expect(page.GetByTestId("shortcuts")).ToHaveCountAsync(0);

        // The global search (Ctrl-K), open with results.
        await page.GetByTestId("global-search-button").ClickAsync();
        await page.Locator("#kd-search-input").FillAsync("kong");
        await Expect(page.GetByRole(AriaRole.Dialog, new() { Name = "Search everything" }).GetByRole(AriaRole.Option).First).ToBeVisibleAsync();
        await ScanAsync(page, "leadership + search dialog", report, failures);

        output.WriteLine($"axe ({theme}): serious+critical violations (nodes) per state");
        report.ForEach(output.WriteLine);
        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private static string Messages(AxeResultNode node) =>
        string.Join("; ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message).Distinct());

    private static string Name(string path) => path == "" ? "overview" : path;

    private static async Task ScanAsync(IPage page, string state, List<string> report, List<string> failures)
    {
        // The mouse rests where the last click left it; park it so a hover left over from another page is not measured.
        await page.Mouse.MoveAsync(0, 0);
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        // Positive control: axe did run and looked at the page (it reports the rules that passed or did not apply).
        Assert.True(result.Passes.Length + result.Inapplicable.Length > 0, $"{state}: axe checked nothing");
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        var nodes = serious.Sum(v => v.Nodes.Length);
        report.Add($"  {state}: {nodes} ({string.Join(", ", serious.Select(v => $"{v.Id}×{v.Nodes.Length}"))})");
        foreach (var violation in serious)
        {
            foreach (var node in violation.Nodes.Take(5))
            {
                failures.Add($"{state}: {violation.Id} ({violation.Impact}) at {node.Target}: {Messages(node)}");
            }
        }
    }
}
