using System.Diagnostics;
using Microsoft.Playwright;

namespace KongDashboard.Cli.Scale;

/// <summary>
/// The UI at scale, in the system Chromium (never a downloaded browser): how long each page takes to show its first
/// content after navigation, and how long a search on /translation takes from the input event to the grid showing
/// only the match (timed inside the page with <c>performance.now()</c>, so Playwright's own round trips are not in it).
/// </summary>
public static class ScaleUiProbe
{
    private static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    // Waits (on animation frames) until the grid shows exactly one row and it is the one searched for.
    private const string SearchScript = """
        async (name) => {
          const input = document.querySelector('input[data-testid=filter-text]');
          const start = performance.now();
          input.value = name;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          await new Promise((resolve, reject) => {
            const check = () => {
              const rows = document.querySelectorAll('[data-testid=ingress-name]');
              if (rows.length === 1 && rows[0].textContent.includes(name)) { resolve(); return; }
              if (performance.now() - start > 30000) { reject(new Error('search for ' + name + ' did not filter within 30 s')); return; }
              requestAnimationFrame(check);
            };
            check();
          });
          return performance.now() - start;
        }
        """;

    public sealed record Result(IReadOnlyList<(string Page, double FirstContentMs, double? PaintMs)> Pages, IReadOnlyList<double> SearchMs);

    public static async Task<Result> RunAsync(Uri baseUri, string token, int ingresses, int searches)
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"needs Chromium at {ChromiumPath} (or CHROMIUM_PATH)");
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--no-first-run"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = baseUri.ToString(), ViewportSize = new() { Width = 1440, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"login?t={token}");

        var pages = new List<(string, double, double?)>
        {
            await FirstContentAsync(page, "", "[data-testid=gateways-value]"),
            await FirstContentAsync(page, "gateways", "[data-testid=gateway-name]"),
            await FirstContentAsync(page, "translation", "[data-testid=ingress-name]"),
        };

        // The circuit is interactive once a filter that matches nothing empties the grid.
        await page.Locator("input[data-testid=filter-text]").FillAsync("no-such-object-anywhere");
        await page.Locator("[data-testid=ingress-name]").First.WaitForAsync(new() { State = WaitForSelectorState.Detached, Timeout = 60_000 });

        var searchMs = new List<double>();
        for (var i = 0; i < searches; i++)
        {
            var name = ScaleWorkload.IngressName((int)((long)(i + 1) * 7919 % ingresses));
            searchMs.Add(await page.EvaluateAsync<double>(SearchScript, name));
        }

        return new Result(pages, searchMs);
    }

    private static async Task<(string, double, double?)> FirstContentAsync(IPage page, string path, string selector)
    {
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(path, new() { WaitUntil = WaitUntilState.Commit, Timeout = 60_000 });
        await page.Locator(selector).First.WaitForAsync(new() { Timeout = 60_000 });
        var elapsed = clock.Elapsed.TotalMilliseconds;
        var paint = await page.EvaluateAsync<double?>("() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null");
        return ("/" + path, elapsed, paint);
    }
}
