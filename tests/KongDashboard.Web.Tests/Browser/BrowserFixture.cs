using Microsoft.Playwright;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>
/// One app and one headless system Chromium for all browser tests. Browsers are never downloaded:
/// Chromium comes from the OS (the test script installs the Debian package). Missing Chromium fails, never skips.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private IPlaywright? _playwright;

    public DashboardAppFactory App { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public string RootUri { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium not found at '{ChromiumPath}'. Install it (apt-get install -y chromium) or set CHROMIUM_PATH. " +
                "Browser tests never download a browser.");
        }

        RootUri = App.RootUri;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-quic",
            ],
        });
    }

    /// <summary>A fresh context (own cookies and storage) with console errors collected.</summary>
    public async Task<BrowserSession> NewSessionAsync(ColorScheme colorScheme = ColorScheme.Light, int width = 1440, int height = 900, string? timezoneId = null)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = RootUri,
            ColorScheme = colorScheme,
            ViewportSize = new() { Width = width, Height = height },
            TimezoneId = timezoneId,
        });
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
