using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// The errors of one declarative entity, in the shape Kong's <c>flatten_errors</c> produces
/// (kong/db/errors.lua: field errors carry a dotted path such as "paths.1" with 1-based indexes,
/// entity-level errors come from the schema's "@entity" key).
/// </summary>
internal sealed class EntityErrors(EntityKind kind, Func<JsonObject> entity, IReadOnlyList<(string Section, int Index)> path)
{
    private JsonObject? _view;

    private readonly List<(string Field, string Message)> _fields = [];
    private readonly List<string> _entity = [];

    public EntityKind Kind { get; } = kind;
    /// <summary>The entity as Kong echoes it in an error; built only when an error is reported (it is a deep copy).</summary>
    public JsonObject Entity => _view ??= entity();

    /// <summary>Where the entity sits in the input, e.g. [("services", 1), ("routes", 2)] (1-based like Lua).</summary>
    public IReadOnlyList<(string Section, int Index)> Path { get; } = path;

    public bool HasErrors => _fields.Count > 0 || _entity.Count > 0;

    public void Field(string field, string message) => _fields.Add((field, message));

    public void EntityError(string message) => _entity.Add(message);

    /// <summary>Entity errors first ("@entity" sorts before field names), then fields sorted like Kong's drain().</summary>
    public IEnumerable<JsonObject> Flattened()
    {
        foreach (var m in _entity)
        {
            yield return new JsonObject { ["type"] = "entity", ["message"] = m };
        }
        foreach (var (f, m) in _fields.OrderBy(x => x.Field, FieldPathComparer.Instance))
        {
            yield return new JsonObject { ["type"] = "field", ["field"] = f, ["message"] = m };
        }
    }

    public IEnumerable<(string Field, string Message)> FieldErrors => _fields;
    public IEnumerable<string> EntityMessages => _entity;
}

/// <summary>Orders "paths.10" after "paths.2" (Lua sorts integer keys numerically).</summary>
internal sealed class FieldPathComparer : IComparer<string>
{
    public static readonly FieldPathComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = (x ?? "").Split('.');
        var b = (y ?? "").Split('.');
        for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
        {
            var c = int.TryParse(a[i], out var ia) && int.TryParse(b[i], out var ib)
                ? ia.CompareTo(ib)
                : string.CompareOrdinal(a[i], b[i]);
            if (c != 0)
            {
                return c;
            }
        }
        return a.Length.CompareTo(b.Length);
    }
}
