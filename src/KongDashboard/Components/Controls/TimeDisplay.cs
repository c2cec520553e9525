using System.Globalization;

namespace KongDashboard.Components.Controls;

/// <summary>
/// The one time-format setting of a browser session: times in the browser's own zone (the default) or in UTC. Scoped:
/// one per circuit, set from the <c>kd-time</c> / <c>kd-tz</c> cookies by <c>Routes</c> and from the browser itself on
/// the first render (<c>MainLayout</c>). Every absolute time a page shows goes through it; relative times stay
/// relative, with <see cref="Timestamp"/> in their tooltip.
/// </summary>
public sealed class TimeDisplay
{
    /// <summary>The cookie that remembers the choice: "utc", or "local" (the default when absent).</summary>
    public const string ChoiceCookie = "kd-time";

    /// <summary>The cookie the browser writes with its IANA time zone (Intl.DateTimeFormat), for the next page load.</summary>
    public const string ZoneCookie = "kd-tz";

    /// <summary>Times in UTC.</summary>
    public bool Utc { get; private set; }

    /// <summary>The browser's zone as it named it (IANA), or null while unknown.</summary>
    public string? BrowserZoneId { get; private set; }

    /// <summary>True when the browser named a zone this server does not know (times are then shown in UTC).</summary>
    public bool BrowserZoneUnknown { get; private set; }

    private TimeZoneInfo _browserZone = TimeZoneInfo.Utc;

    /// <summary>The zone times are shown in.</summary>
    public TimeZoneInfo Zone => Utc ? TimeZoneInfo.Utc : _browserZone;

    /// <summary>Raised when the choice or the browser's zone changes, so the layout re-renders every page.</summary>
    public event Action? Changed;

    /// <summary>Applies the cookies' values (either may be absent or garbage: the defaults are local and UTC).</summary>
    public void Restore(string? choice, string? browserZone)
    {
        Utc = string.Equals(choice, "utc", StringComparison.OrdinalIgnoreCase);
        SetZone(browserZone, notify: false);
    }

    public void SetBrowserZone(string? zoneId) => SetZone(zoneId, notify: true);

    public void Choose(bool utc)
    {
        if (Utc == utc)
        {
            return;
        }

        Utc = utc;
        Changed?.Invoke();
    }

    /// <summary>"2026-12-05 14:03:07 UTC" or, in the browser's zone, "2026-12-05 19:33:07 UTC+05:30".</summary>
    public string Timestamp(DateTimeOffset? at) =>
        at is { } t ? $"{In(t).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)} {ZoneLabel(t)}" : "—";

    /// <summary>Time of day for recent events ("19:33:07"); the zone is in <see cref="Timestamp"/> (their tooltip).</summary>
    public string Time(DateTimeOffset? at) =>
        at is { } t ? In(t).ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "—";

    /// <summary>"UTC" when UTC is chosen; else the browser zone's offset at that instant ("UTC+05:30", "UTC-04:00").</summary>
    public string ZoneLabel(DateTimeOffset at)
    {
        if (Utc || BrowserZoneId is null)
        {
            return "UTC"; // chosen, or the browser has not named its zone yet (times are in UTC until it does)
        }

        var offset = Zone.GetUtcOffset(at);
        return string.Create(CultureInfo.InvariantCulture, $"UTC{(offset < TimeSpan.Zero ? "-" : "+")}{offset:hh\\:mm}");
    }

    /// <summary>The instant as wall-clock time in the chosen zone.</summary>
    public DateTimeOffset In(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Zone);

    private void SetZone(string? zoneId, bool notify)
    {
        if (string.IsNullOrWhiteSpace(zoneId) || zoneId == BrowserZoneId)
        {
            return;
        }

        BrowserZoneId = zoneId;
        BrowserZoneUnknown = !TimeZoneInfo.TryFindSystemTimeZoneById(zoneId, out var zone);
        _browserZone = zone ?? TimeZoneInfo.Utc;
        if (notify)
        {
            Changed?.Invoke();
        }
    }
}
