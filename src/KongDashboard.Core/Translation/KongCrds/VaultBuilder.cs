using System.Text.Json;
using System.Text.Json.Nodes;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds;

namespace KongDashboard.Core.Translation.KongCrds;

/// <summary>KongVault → Kong vaults (kongstate/kongstate.go: FillVaults, compareKongVault).</summary>
internal static class VaultBuilder
{
    public static List<KongVaultEntity> Build(ClusterSnapshot snapshot, ClassSelection selection, bool fillIds, List<TranslationFailure> failures)
    {
        // One vault per prefix: the oldest object wins, then the smaller name; every loser is reported.
        var winners = new Dictionary<string, KongVault>(StringComparer.Ordinal);
        foreach (var vault in snapshot.Get(WatchedKinds.KongVaults)
                     .Where(v => selection.SelectsByAnnotation(v.Metadata.Annotations) && ControlPlaneRef.IsKic(v.Spec?.ControlPlaneRef))
                     .OrderBy(v => v.Metadata.Name, StringComparer.Ordinal))
        {
            var prefix = vault.Spec?.Prefix ?? "";
            if (!winners.TryGetValue(prefix, out var existing))
            {
                winners[prefix] = vault;
                continue;
            }
            var loser = Wins(existing, vault) ? vault : existing;
            winners[prefix] = ReferenceEquals(loser, vault) ? existing : vault;
            failures.Add(new TranslationFailure($"spec.prefix \"{prefix}\" is duplicate", [ObjectRefs.Of(loser)]));
        }

        var result = new List<KongVaultEntity>();
        foreach (var (prefix, vault) in winners)
        {
            if (!TryConfig(vault.Spec?.Config, out var config, out var error))
            {
                failures.Add(new TranslationFailure(
                    $"failed to parse configuration of vault \"{vault.Metadata.Name}\" to JSON: {error}", [ObjectRefs.Of(vault)]));
                continue;
            }
            result.Add(new KongVaultEntity
            {
                Id = fillIds ? KongIds.Vault(prefix) : null,
                Name = vault.Spec?.Backend,
                Prefix = prefix,
                Description = string.IsNullOrEmpty(vault.Spec?.Description) ? null : vault.Spec.Description,
                Config = config,
                Tags = KubernetesTags.For(vault),
            });
        }
        // deckgen: descending by prefix.
        result.Sort(static (a, b) => string.CompareOrdinal(b.Prefix, a.Prefix));
        return result;
    }

    private static bool Wins(KongVault a, KongVault b)
    {
        var ta = a.Metadata.CreationTimestamp;
        var tb = b.Metadata.CreationTimestamp;
        if (ta is not null && tb is not null && ta != tb)
        {
            return ta < tb;
        }

        return string.CompareOrdinal(a.Metadata.Name, b.Metadata.Name) < 0;
    }

    // KIC decodes spec.config into a JSON object (kong.Configuration); null or empty is no config.
    private static bool TryConfig(JsonNode? raw, out JsonObject? config, out string? error)
    {
        error = null;
        config = null;
        switch (raw)
        {
            case null:
                return true;
            case JsonObject o:
                config = o.Count == 0 ? null : (JsonObject)o.DeepClone();
                return true;
            default:
                var kind = raw.GetValueKind() switch
                {
                    JsonValueKind.Array => "array",
                    JsonValueKind.String => "string",
                    JsonValueKind.Number => "number",
                    _ => "bool",
                };
                error = $"json: cannot unmarshal {kind} into Go value of type kong.Configuration";
                return false;
        }
    }
}
