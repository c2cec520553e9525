using System.Collections.Immutable;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Status;

/// <summary>
/// The translation stage of the status model: one <see cref="TranslatedObject"/> per object that routes traffic
/// (Ingress, the Gateway API routes, TCPIngress/UDPIngress) and per object a translation failure names (a KongPlugin,
/// a Service, a Secret…). Pure: a snapshot and a translation result in, rows out.
/// </summary>
public static class TranslatedObjects
{
    /// <summary>The kinds that route traffic, in the order the Translation page lists them.</summary>
    public static readonly ImmutableArray<string> RouteKinds =
        ["Ingress", "HTTPRoute", "GRPCRoute", "TCPRoute", "UDPRoute", "TLSRoute", "TCPIngress", "UDPIngress"];

    public static ImmutableArray<TranslatedObject> Build(TranslationResult result, ImmutableArray<TranslationRow> rows)
    {
        var messages = result.FailureEvents()
            .GroupBy(e => Key(e.Object))
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToImmutableArray());

        // The routing objects of every kind: the Translation page's rows already know class, routes and failures.
        var objects = FromRows(rows).ToDictionary(o => o.Key);

        // Objects pulled in by a route (plugins, Services, Secrets, consumers) get a row only when an error lands on them.
        foreach (var (key, failures) in messages.Where(m => !objects.ContainsKey(m.Key)))
        {
            objects[key] = new TranslatedObject(key, true, null, [], failures);
        }

        return [.. objects.Values.OrderBy(o => o.Key)];
    }

    /// <summary>The routing objects, from the Translation page's rows.</summary>
    public static IEnumerable<TranslatedObject> FromRows(IEnumerable<TranslationRow> rows) =>
        rows.Select(row => new TranslatedObject(
            row.StatusKey,
            row.Status != TranslationOutcome.Ignored,
            row.Status == TranslationOutcome.Ignored ? NotForReason(row) : null,
            row.Routes,
            row.Messages));

    private static string NotForReason(TranslationRow row) => row.Kind switch
    {
        "Ingress" => $"Ingress class {row.Class ?? "(none)"} is not this controller's.",
        "TCPIngress" or "UDPIngress" => "Its ingress class is not this controller's.",
        _ => "No Gateway of this controller accepts it (another GatewayClass or Gateway, or no matching listener).",
    };

    public static StatusKey Key(ObjectRef o) => new(o.Kind, o.Namespace, o.Name);

    /// <summary>The object a Kong entity came from, by KIC's k8s-kind/k8s-namespace/k8s-name tags.</summary>
    public static StatusKey? KeyFromTags(IReadOnlyList<string>? tags)
    {
        string? kind = null, ns = null, name = null;
        foreach (var tag in tags ?? [])
        {
            if (tag.StartsWith("k8s-kind:", StringComparison.Ordinal))
            {
                kind = tag[9..];
            }
            else if (tag.StartsWith("k8s-namespace:", StringComparison.Ordinal))
            {
                ns = tag[14..];
            }
            else if (tag.StartsWith("k8s-name:", StringComparison.Ordinal))
            {
                name = tag[9..];
            }
        }

        return kind is not null && name is not null ? new StatusKey(kind, ns ?? "", name) : null;
    }
}
