using Microsoft.Playwright;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>One browser context + page that records console errors and uncaught page errors.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly List<string> _errors = [];

    public BrowserSession(IBrowserContext context, IPage page)
    {
        Context = context;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                lock (_errors)
                {
                    _errors.Add($"console: {message.Text}");
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (_errors)
            {
                _errors.Add($"page error: {error}");
            }
        };
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    public IReadOnlyList<string> Errors
    {
        get
        {
            lock (_errors)
            {
                return [.. _errors];
            }
        }
    }

    /// <summary>Navigates and waits until the Blazor circuit renders interactively (the readiness hook).</summary>
    public async Task GotoAsync(string relativeUrl)
    {
        await Page.GotoAsync(relativeUrl);
        await WaitInteractiveAsync();
    }

    /// <summary>
    /// After <see cref="GotoAsync"/>: waits until the page shows live controller state — its data-source stamp says
    /// when the translation it shows was made — instead of sleeping. Pages without a stamp have no live data.
    /// </summary>
    public async Task WaitForLiveDataAsync()
    {
        if (await Page.Locator("[aria-label='Data source']").CountAsync() > 0)
        {
            await Page.WaitForSelectorAsync("[data-testid=translated-ago]", new() { Timeout = 15_000 });
        }
    }

    public Task WaitInteractiveAsync() =>
        Page.WaitForSelectorAsync("#interactive[data-interactive=true]", new() { State = WaitForSelectorState.Attached, Timeout = 15_000 });

    public async ValueTask DisposeAsync()
    {
        // Closing the page first ends the circuit cleanly before the app shuts down.
        await Page.CloseAsync();
        await Context.DisposeAsync();
    }
}
