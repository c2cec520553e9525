using System.Globalization;

namespace KongDashboard.Components.Sync;

/// <summary>CPU, memory and byte sizes the way kubectl top and Kong's admin show them (invariant culture).</summary>
public static class ResourceFormat
{
    public static string Cpu(decimal cores) =>
        cores < 1 ? string.Create(CultureInfo.InvariantCulture, $"{cores * 1000:0}m") : string.Create(CultureInfo.InvariantCulture, $"{cores:0.##}");

    public static string Bytes(decimal bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1L << 30):0.#} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1L << 20):0.#} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1L << 10):0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B"),
    };

    /// <summary>"42%" of the request, or null when the pod sets no request.</summary>
    public static string? PercentOf(decimal used, decimal? request) =>
        request is > 0 ? string.Create(CultureInfo.InvariantCulture, $"{used / request.Value * 100:0}%") : null;

    public static string Count(long? value) => value?.ToString("N0", CultureInfo.InvariantCulture) ?? "—";
}
