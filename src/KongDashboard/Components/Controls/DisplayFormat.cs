using System.Globalization;

namespace KongDashboard.Components.Controls;

/// <summary>
/// Compact, culture-invariant formats shared by the pages (engineers compare these across screens). Absolute times
/// go through the session's <see cref="TimeDisplay"/> (local or UTC), not through here.
/// </summary>
public static class DisplayFormat
{
    public static string Ago(DateTimeOffset? at, DateTimeOffset now) =>
        at is null ? "never" : Age(now - at.Value) + " ago";

    public static string Age(TimeSpan age)
    {
        if (age < TimeSpan.FromSeconds(1))
        {
            return "< 1 s";
        }

        return age switch
        {
            { TotalSeconds: < 60 } => $"{(int)age.TotalSeconds} s",
            { TotalMinutes: < 60 } => $"{(int)age.TotalMinutes} min",
            { TotalHours: < 24 } => $"{(int)age.TotalHours} h {age.Minutes} min",
            _ => $"{(int)age.TotalDays} d {age.Hours} h",
        };
    }

    public static string Duration(TimeSpan duration) =>
        duration.TotalMilliseconds < 1000
            ? string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.#} ms")
            : string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.##} s");
}
