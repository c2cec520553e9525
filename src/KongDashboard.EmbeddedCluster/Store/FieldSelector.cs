using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Store;

/// <summary>
/// fieldSelector with = / == / != on dotted paths. The real server only allows a few fields per kind
/// (metadata.name, metadata.namespace, status.phase, spec.nodeName, type…); accepting any path is a superset.
/// </summary>
public sealed class FieldSelector
{
    private sealed record Requirement(string[] Path, bool Negate, string Value);

    private readonly List<Requirement> _requirements;

    private FieldSelector(List<Requirement> requirements) => _requirements = requirements;

    public static FieldSelector Everything { get; } = new([]);

    public static FieldSelector Parse(string? selector)
    {
        if (string.IsNullOrWhiteSpace(selector))
        {
            return Everything;
        }

        var requirements = new List<Requirement>();
        foreach (var term in selector.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var (op, i) = term.IndexOf("!=", StringComparison.Ordinal) is var ne and > 0 ? ("!=", ne)
                : term.IndexOf("==", StringComparison.Ordinal) is var eq2 and > 0 ? ("==", eq2)
                : ("=", term.IndexOf('='));
            if (i <= 0)
            {
                throw ApiException.BadRequest($"invalid selector: '{selector}'; can't understand '{term}'");
            }

            requirements.Add(new(PathOf(term[..i].Trim()), op == "!=", term[(i + op.Length)..].Trim()));
        }
        return new FieldSelector(requirements);
    }

    /// <summary>
    /// A field label as a path in the object. Every label is its own dotted path but one: an Event's "source" label
    /// selects source.component (kubernetes pkg/registry/core/event/strategy.go ToSelectableFields); no other kind
    /// has a selectable field named "source".
    /// </summary>
    private static string[] PathOf(string label) => label == "source" ? ["source", "component"] : label.Split('.');

    public bool Matches(JsonObject obj)
    {
        foreach (var r in _requirements)
        {
            JsonNode? node = obj;
            foreach (var segment in r.Path)
            {
                node = (node as JsonObject)?[segment];
            }

            var value = node?.ToString() ?? "";
            if ((value == r.Value) == r.Negate)
            {
                return false;
            }
        }
        return true;
    }
}
