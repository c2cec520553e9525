using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Store;

/// <summary>One page of a list: the items, the snapshot's resourceVersion, the next continue token and the count left.</summary>
public sealed record ListPage(IReadOnlyList<JsonObject> Items, string ResourceVersion, string? Continue, long? RemainingItemCount);

/// <summary>
/// List paging as kube-apiserver over etcd does it (apiserver storage/etcd3/store.go:640-721, storage/continue.go): every
/// page is read at the first page's revision, the continue token is base64url of
/// <c>{"v":"meta.k8s.io/v1","rv":N,"start":"key\0"}</c>, and a token whose revision was compacted gets 410 Expired
/// with a fresh token (rv -1) that continues from the same key at the latest revision.
/// </summary>
public sealed partial class ResourceStore
{
    /// <summary>Keys in order per kind, so a page or a namespace is a range read, not a scan of every object.</summary>
    private readonly Dictionary<ResourceKind, SortedSet<string>> _keys = [];

    private const string ExpiredContinueMessage =
        "The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.";

    /// <summary>Keys of a kind in one namespace (or all), strictly after <paramref name="after"/>, in order.</summary>
    private IEnumerable<string> KeysIn(ResourceKind kind, string? ns, string? after)
    {
        var keys = _keys[kind];
        if (keys.Count == 0)
        {
            return [];
        }
        // "ns/" .. "ns0" ('0' follows '/') bounds one namespace; "\uffff" closes the open end.
        var low = ns is null || !kind.Namespaced ? "" : ns + "/";
        var high = ns is null || !kind.Namespaced ? "\uffff" : ns + "0";
        if (after is not null && string.CompareOrdinal(after, low) >= 0)
        {
            low = after;
        }

        if (string.CompareOrdinal(low, high) > 0)
        {
            return [];
        }

        return keys.GetViewBetween(low, high).Where(k => k != after);
    }

    /// <summary>A paged list (limit &gt; 0) or a whole one; see the class remarks for the token rules.</summary>
    internal ListPage ListPaged(ResourceKind kind, string? ns, string? labelSelector, string? fieldSelector, int limit, string? continueToken)
    {
        var labels = LabelSelector.Parse(labelSelector);
        var fields = FieldSelector.Parse(fieldSelector);
        var selective = !string.IsNullOrEmpty(labelSelector) || !string.IsNullOrEmpty(fieldSelector);
        lock (_gate)
        {
            long snapshot = _resourceVersion;
            string? after = null;
            if (!string.IsNullOrEmpty(continueToken))
            {
                (var tokenRv, after) = DecodeContinue(continueToken);
                if (tokenRv > 0 && tokenRv < _historyFloor)
                {
                    throw new ApiException(410, "Expired", ExpiredContinueMessage) { Continue = EncodeContinue(-1, after) };
                }

                if (tokenRv > 0)
                {
                    snapshot = tokenRv;
                }
            }
            var view = SnapshotOverrides(kind, snapshot);
            var objects = _objects[kind];
            var items = new List<JsonObject>();
            string? lastKey = null;
            var more = false;
            long remaining = 0;
            foreach (var key in MergedKeys(KeysIn(kind, ns, after), view, kind, ns, after))
            {
                var obj = view.TryGetValue(key, out var old) ? old : objects.GetValueOrDefault(key);
                if (obj is null)
                {
                    continue;
                }

                if (limit > 0 && items.Count >= limit)
                {
                    more = true;
                    if (selective)
                    {
                        break;
                    }

                    remaining++;
                    continue;
                }
                lastKey = key;
                if (labels.Matches(obj.Labels()) && fields.Matches(obj))
                {
                    items.Add((JsonObject)obj.DeepClone());
                }
            }
            var next = more && lastKey is not null ? EncodeContinue(snapshot, lastKey) : null;
            return new ListPage(items, snapshot.ToString(), next, next is not null && !selective ? remaining : null);
        }
    }

    /// <summary>
    /// The objects of <paramref name="kind"/> that differ between now and <paramref name="snapshot"/>, as they were then
    /// (null: did not exist). Walks only the changes made since the snapshot, newest first.
    /// </summary>
    private Dictionary<string, JsonObject?> SnapshotOverrides(ResourceKind kind, long snapshot)
    {
        var overrides = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        for (var node = _history.Last; node is not null && node.Value.ResourceVersion > snapshot; node = node.Previous)
        {
            var change = node.Value;
            if (change.Kind != kind)
            {
                continue;
            }

            var key = Key(change.Object.Namespace(), change.Object.Name()!);
            overrides[key] = change.Type == WatchEvent.Added ? null : change.Previous;
        }
        return overrides;
    }

    /// <summary>Current keys plus keys that existed only in the snapshot, in order.</summary>
    private static IEnumerable<string> MergedKeys(IEnumerable<string> current, Dictionary<string, JsonObject?> overrides,
        ResourceKind kind, string? ns, string? after)
    {
        if (overrides.Count == 0)
        {
            return current;
        }

        var extra = overrides.Where(p => p.Value is not null
                && (ns is null || !kind.Namespaced || p.Key.StartsWith(ns + "/", StringComparison.Ordinal))
                && (after is null || string.CompareOrdinal(p.Key, after) > 0))
            .Select(p => p.Key);
        return current.Concat(extra).Distinct().Order(StringComparer.Ordinal);
    }

    private static string EncodeContinue(long rv, string lastKey)
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, object> { ["v"] = "meta.k8s.io/v1", ["rv"] = rv, ["start"] = lastKey + "\u0000" });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static (long Rv, string After) DecodeContinue(string token)
    {
        const string prefix = "invalid continue token: continue key is not valid: ";
        JsonObject? decoded;
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 += new string('=', (4 - base64.Length % 4) % 4);
            decoded = JsonNode.Parse(Convert.FromBase64String(base64)) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw ApiException.BadRequest(prefix + "server does not recognize this encoded version");
        }
        if (decoded?["v"]?.ToString() != "meta.k8s.io/v1")
        {
            throw ApiException.BadRequest(prefix + "server does not recognize this encoded version");
        }

        var rv = decoded["rv"].AsLong();
        if (rv is null or 0)
        {
            throw ApiException.BadRequest(prefix + "incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }

        var start = decoded["start"]?.ToString();
        if (string.IsNullOrEmpty(start))
        {
            throw ApiException.BadRequest(prefix + "encoded start key empty (version meta.k8s.io/v1)");
        }
        // The token names the first key to read ("last\0"); this store reads strictly after the last key.
        return (rv.Value, start.TrimEnd('\u0000'));
    }
}
