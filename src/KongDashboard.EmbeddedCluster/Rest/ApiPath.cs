using KongDashboard.EmbeddedCluster.Store;
namespace KongDashboard.EmbeddedCluster.Rest;

/// <summary>
/// A parsed resource URL: /api/v1/... or /apis/{group}/{version}/..., then
/// [namespaces/{ns}/]{plural}[/{name}[/{subresource}]]. A trailing slash is ignored (the C# metrics calls send one).
/// </summary>
internal sealed record ApiPath(string Group, string Version, ResourceKind? Kind, string? Namespace, string? Name, string? Subresource)
{
    public bool IsGroupVersionRoot => Kind is null;

    public static ApiPath? Parse(string path, ResourceKindRegistry kinds)
    {
        var segments = path.Trim('/').Split('/');
        string group, version;
        int rest;
        if (segments is ["api", var v, ..])
        {
            (group, version, rest) = ("", v, 2);
        }
        else if (segments is ["apis", var g, var v2, ..])
        {
            (group, version, rest) = (g, v2, 3);
        }
        else
        {
            return null;
        }
        if (!kinds.GroupVersions.Contains((group, version)))
        {
            return null;
        }

        var tail = segments[rest..];
        if (tail.Length == 0)
        {
            return new ApiPath(group, version, null, null, null, null);
        }

        string? ns = null;
        if (tail is ["namespaces", var nsName, var plural, ..] && kinds.Find(group, version, plural) is { Namespaced: true })
        {
            ns = nsName;
            tail = tail[2..];
        }
        var kind = kinds.Find(group, version, tail[0]);
        if (kind is null)
        {
            return null;
        }

        return tail.Length switch
        {
            1 => new ApiPath(group, version, kind, ns, null, null),
            2 => new ApiPath(group, version, kind, ns, tail[1], null),
            3 => new ApiPath(group, version, kind, ns, tail[1], tail[2]),
            _ => null,
        };
    }
}
