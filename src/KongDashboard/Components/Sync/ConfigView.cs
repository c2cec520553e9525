using KongDashboard.Core.Kong;
using KongDashboard.Core.Sync;

namespace KongDashboard.Components.Sync;

/// <summary>
/// A configuration made safe to show: the YAML is always of the redacted copy (no private key or credential reaches
/// the browser). Built once per payload; the pages keep it while the payload stays the same.
/// </summary>
public sealed record ConfigView(ConfigPayload Payload, string Yaml, DateTimeOffset SeenAt)
{
    public static ConfigView Of(ConfigPayload payload, DateTimeOffset seenAt) =>
        new(payload, KongConfigSerializer.ToYaml(SecretRedactor.Redact(payload.Config)), seenAt);

    public string FileName => $"kong-config-{Payload.ShortSha}.yaml";

    public IEnumerable<(string Label, int Count)> Counts
    {
        get
        {
            var c = Payload.Config;
            yield return ("Services", c.Services?.Count ?? 0);
            yield return ("Routes", c.AllRoutes().Count());
            yield return ("Upstreams", c.Upstreams?.Count ?? 0);
            yield return ("Targets", c.Upstreams?.Sum(u => u.Targets?.Count ?? 0) ?? 0);
            yield return ("Certificates", c.Certificates?.Count ?? 0);
            yield return ("CA certificates", c.CaCertificates?.Count ?? 0);
            yield return ("Plugins", c.Plugins?.Count ?? 0);
            yield return ("Consumers", c.Consumers?.Count ?? 0);
        }
    }

    /// <summary>What a payload kind means, in words for the page.</summary>
    public static string Explain(PayloadKind kind) => kind switch
    {
        PayloadKind.Full => "The translation of every Ingress and Kong resource in the cluster.",
        PayloadKind.Fallback => "Kong rejected the full configuration. This is the translation without the objects Kong complained about " +
                                "and everything that depends on them, so the rest of the cluster keeps being served.",
        PayloadKind.LastGood => "Kong rejected the newest configuration and no usable fallback could be built, so the last " +
                                "configuration Kong accepted is being pushed again. Changes made since then are not live.",
        _ => "",
    };
}

/// <summary>
/// The last two distinct desired configurations this page has seen (a page-local memory: the core keeps only the
/// current and the last good one). Seeded with the last good configuration when it differs from the desired one.
/// </summary>
public sealed class ConfigHistory
{
    public ConfigView? Current { get; private set; }

    public ConfigView? Previous { get; private set; }

    /// <summary>Where <see cref="Previous"/> came from, for the page to say.</summary>
    public string? PreviousSource { get; private set; }

    /// <summary>Records the state's configurations; returns true when <see cref="Current"/> changed.</summary>
    public bool Observe(SyncState sync, DateTimeOffset now)
    {
        if (sync.Desired is not { } desired || desired.Sha == Current?.Payload.Sha)
        {
            return false;
        }

        if (Current is null)
        {
            if (sync.LastGood is { } good && good.Sha != desired.Sha)
            {
                Previous = ConfigView.Of(good, now);
                PreviousSource = "last configuration Kong accepted";
            }
        }
        else
        {
            Previous = Current;
            PreviousSource = "desired before it, seen on this page";
        }

        Current = ConfigView.Of(desired, now);
        return true;
    }
}
