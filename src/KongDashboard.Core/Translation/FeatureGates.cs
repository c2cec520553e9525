using System.Collections.Immutable;

namespace KongDashboard.Core.Translation;

/// <summary>
/// KIC feature gates that affect translation (<c>pkg/manager/config/feature_gates_keys.go</c>,
/// <c>translator.FeatureFlags</c>). Defaults follow KIC 3.5.
/// </summary>
public sealed record FeatureGates
{
    public static readonly FeatureGates Default = new();

    /// <summary>Translate to the expressions router flavor (<c>expression</c> + <c>priority</c>).</summary>
    public bool ExpressionRoutes { get; init; }

    /// <summary>Deterministic UUIDv5 ids for services, routes, consumers, consumer groups and plugins.</summary>
    public bool FillIDs { get; init; } = true;

    /// <summary>Enables the <c>konghq.com/rewrite</c> Ingress annotation.</summary>
    public bool RewriteURIs { get; init; }

    /// <summary>KongServiceFacade as Ingress backends (KIC's KongServiceFacade gate, off by default): when on, an Ingress backend of kind KongServiceFacade is translated to the Kong service the facade defines.</summary>
    public bool KongServiceFacade { get; init; }

    /// <summary>Push a fallback configuration without broken objects when Kong rejects one.</summary>
    public bool FallbackConfiguration { get; init; }

    public bool GatewayAlpha { get; init; }
    public bool KongCustomEntity { get; init; } = true;
    public bool SanitizeKonnectConfigDumps { get; init; } = true;
    public bool CombinedServicesFromDifferentHTTPRoutes { get; init; }
    public bool SupportRedirectPlugin { get; init; }

    private static readonly ImmutableDictionary<string, Func<FeatureGates, bool, FeatureGates>> Setters =
        new Dictionary<string, Func<FeatureGates, bool, FeatureGates>>(StringComparer.Ordinal)
        {
            [nameof(ExpressionRoutes)] = (g, v) => g with { ExpressionRoutes = v },
            [nameof(FillIDs)] = (g, v) => g with { FillIDs = v },
            [nameof(RewriteURIs)] = (g, v) => g with { RewriteURIs = v },
            [nameof(KongServiceFacade)] = (g, v) => g with { KongServiceFacade = v },
            [nameof(FallbackConfiguration)] = (g, v) => g with { FallbackConfiguration = v },
            [nameof(GatewayAlpha)] = (g, v) => g with { GatewayAlpha = v },
            [nameof(KongCustomEntity)] = (g, v) => g with { KongCustomEntity = v },
            [nameof(SanitizeKonnectConfigDumps)] = (g, v) => g with { SanitizeKonnectConfigDumps = v },
            [nameof(CombinedServicesFromDifferentHTTPRoutes)] = (g, v) => g with { CombinedServicesFromDifferentHTTPRoutes = v },
            [nameof(SupportRedirectPlugin)] = (g, v) => g with { SupportRedirectPlugin = v },
        }.ToImmutableDictionary(StringComparer.Ordinal);

    public static IEnumerable<string> Names => Setters.Keys.Order(StringComparer.Ordinal);

    /// <summary>Parses <c>"Name=true,Other=false"</c> on top of the defaults.</summary>
    /// <exception cref="FormatException">Unknown gate name or a value that is not a boolean.</exception>
    public static FeatureGates Parse(string? text) => Apply(Default, text);

    public static FeatureGates Apply(FeatureGates gates, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return gates;
        }
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = item.Split('=', 2, StringSplitOptions.TrimEntries);
            if (!Setters.TryGetValue(parts[0], out var set))
            {
                throw new FormatException($"unknown feature gate \"{parts[0]}\"; known gates: {string.Join(", ", Names)}");
            }
            if (parts.Length != 2 || !bool.TryParse(parts[1], out var value))
            {
                throw new FormatException($"feature gate \"{parts[0]}\" needs a boolean value (Name=true or Name=false), got \"{item}\"");
            }
            gates = set(gates, value);
        }
        return gates;
    }

    /// <summary>Sets one gate by name (used for golden-test settings files).</summary>
    public FeatureGates With(string name, bool value) =>
        Setters.TryGetValue(name, out var set) ? set(this, value) : throw new FormatException($"unknown feature gate \"{name}\"");
}
