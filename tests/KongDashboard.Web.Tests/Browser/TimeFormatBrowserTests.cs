using System.Globalization;
using KongDashboard.Audit;
using KongDashboard.Security;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>Issue 19: times in the browser's zone by default; UTC on demand from the app bar, kept across a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class TimeFormatBrowserTests(BrowserFixture fixture)
{
    static TimeFormatBrowserTests() => SetDefaultExpectTimeout(10_000);

    [Fact]
    public async Task A_kolkata_browser_sees_local_times_then_utc_after_the_toggle_and_after_a_reload()
    {
        // One audit entry of our own, at a known instant, to read back.
        var at = DateTimeOffset.UtcNow.AddMinutes(-3);
        at = new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, at.Second, TimeSpan.Zero);
        var target = $"time-format-{Guid.NewGuid():N}"[..24];
        fixture.App.Services.GetRequiredService<AuditLog>().Add(
            new AuditEntry(at, "time test", DashboardRoles.Admin, "resync", target, "127.0.0.1", AuditResult.Succeeded, "ok"));
        var kolkata = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById("Asia/Kolkata"));

        await using var session = await fixture.NewSessionAsync(timezoneId: "Asia/Kolkata");
        await session.GotoAsync("audit");
        var page = session.Page;
        var when = page.GetByTestId("audit-row").Filter(new() { Has = page.GetByTestId("audit-target").Filter(new() { HasText = target }) }).Locator("td").First;
        var toggle = page.GetByTestId("time-toggle");

        await Expect(when).ToHaveTextAsync(kolkata.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        await Expect(when).ToHaveAttributeAsync("title", $"{kolkata.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC+05:30");
        await Expect(toggle).ToHaveAttributeAsync("data-zone", "local");
        await Expect(toggle).ToContainTextAsync("UTC+05:30");

        await toggle.ClickAsync();

        await Expect(when).ToHaveTextAsync(at.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        await Expect(when).ToHaveAttributeAsync("title", $"{at.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} UTC");
        await Expect(toggle).ToHaveAttributeAsync("data-zone", "utc");

        await session.GotoAsync("audit"); // a new page load: the choice comes back from its cookie
        await Expect(toggle).ToHaveAttributeAsync("data-zone", "utc");
        await Expect(when).ToHaveTextAsync(at.ToString("HH:mm:ss", CultureInfo.InvariantCulture));
        Assert.Empty(session.Errors);
    }
}
