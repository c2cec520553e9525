using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace KongDashboard.Core.Sync;

/// <summary>
/// Kong's <c>Retry-After</c> on 429 "Currently loading previous configuration" (the remaining config lock, up to 10 s and
/// possibly fractional: kong/api/routes/config.lua) and on 503: how long to leave the gateway alone.
/// </summary>
public static class RetryAfter
{
    /// <summary>The wait asked for, or null when the answer is not 429/503 or carries no usable Retry-After.</summary>
    public static TimeSpan? From(HttpStatusCode? status, HttpResponseHeaders? headers, DateTimeOffset now)
    {
        if (status is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) || headers is null
            || !headers.TryGetValues("Retry-After", out var values))
        {
            return null;
        }

        var value = values.FirstOrDefault()?.Trim();
        if (double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date)
            ? (date > now ? date - now : TimeSpan.Zero)
            : null;
    }
}
