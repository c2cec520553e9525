using System.Globalization;
using System.Text.RegularExpressions;

namespace KongDashboard.Core.Translation.GatewayApi;

/// <summary>Go's <c>time.ParseDuration</c> for Gateway API durations (e.g. <c>1s</c>, <c>500ms</c>, <c>1m30s</c>).</summary>
internal static partial class GoDuration
{
    /// <summary>Whole milliseconds, truncated as Go's Duration.Milliseconds(); null when not a valid duration.</summary>
    public static long? TryParseMilliseconds(string text)
    {
        if (text is "0")
        {
            return 0;
        }

        var sign = 1.0;
        var rest = text;
        if (rest.StartsWith('-') || rest.StartsWith('+'))
        {
            sign = rest[0] == '-' ? -1 : 1;
            rest = rest[1..];
        }
        var parts = Part().Matches(rest);
        if (rest.Length == 0 || parts.Sum(m => m.Length) != rest.Length)
        {
            return null;
        }
        double nanos = 0;
        foreach (Match part in parts)
        {
            var value = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            nanos += value * part.Groups[2].Value switch
            {
                "ns" => 1,
                "us" or "µs" or "μs" => 1e3,
                "ms" => 1e6,
                "s" => 1e9,
                "m" => 60e9,
                _ => 3600e9,
            };
        }
        return (long)(sign * nanos / 1e6);
    }

    [GeneratedRegex(@"(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)")]
    private static partial Regex Part();
}
