using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway.Validation;
using Microsoft.AspNetCore.Http;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// Read-only entity endpoints of the DB-less Admin API (kong/api/endpoints.lua with the "off" strategy):
/// paginated collections {"data":[…],"next":…,"offset":…}, single entities by id or endpoint key, nested collections.
/// </summary>
internal static class EntityListing
{
    private const int DefaultSize = 100; // kong/db/dao page size default
    private const int MaxSize = 1000;

    public static (int Status, JsonObject Body) Handle(string[] segments, IQueryCollection query, LoadedEntities entities)
    {
        var kind = EntityKind.ByPath[segments[0]];
        switch (segments.Length)
        {
            case 1:
                return Page(kind, entities.Of(kind.Plural), query, "/" + kind.Path, entities);
            case 2:
                return entities.Find(kind, segments[1]) is { } e ? (200, Present(kind, e, entities)) : NotFound();
            default:
                if (entities.Find(kind, segments[1]) is not { } parent || ChildOf(kind, segments[2]) is not { } child)
                {
                    return NotFound();
                }
                var rows = entities.Of(child.Kind.Plural).Where(r => r.Entity[child.ForeignField] is JsonObject fk && FieldChecks.AsString(fk["id"]) == parent.Id).ToList();
                if (segments.Length == 3)
                {
                    return Page(child.Kind, rows, query, $"/{segments[0]}/{segments[1]}/{segments[2]}", entities);
                }
                var one = rows.FirstOrDefault(r => Matches(child.Kind, r, segments[3]));
                return one is null ? NotFound() : (200, Present(child.Kind, one, entities));
        }
    }

    public static (int, JsonObject) NotFound() => (404, new JsonObject { ["message"] = "Not found" });

    private static (EntityKind Kind, string ForeignField)? ChildOf(EntityKind parent, string segment) =>
        parent.Children.Select(c => ((EntityKind Kind, string ForeignField)?)c)
            .FirstOrDefault(c => c!.Value.Kind.Path == segment || c.Value.Kind.Path.TrimEnd('s') == segment);

    private static bool Matches(EntityKind kind, LoadedRow row, string idOrKey) =>
        row.Id == idOrKey
        || (kind.EndpointKey is { } k && FieldChecks.AsString(row.Entity[k]) == idOrKey);

    /// <summary>Certificates are listed with their SNI names (kong/db/dao/certificates.lua).</summary>
    private static JsonObject Present(EntityKind kind, LoadedRow row, LoadedEntities entities)
    {
        var copy = entities.Present(row);
        if (kind.Plural == "certificates")
        {
            copy["snis"] = new JsonArray(entities.Of("snis")
                .Where(s => s.Entity["certificate"] is JsonObject c && FieldChecks.AsString(c["id"]) == row.Id)
                .Select(s => (JsonNode?)FieldChecks.AsString(s.Entity["name"])).ToArray());
        }
        return copy;
    }

    private static (int, JsonObject) Page(EntityKind kind, IReadOnlyList<LoadedRow> rows, IQueryCollection query, string path, LoadedEntities entities)
    {
        var size = DefaultSize;
        if (query.TryGetValue("size", out var sizeText))
        {
            if (!int.TryParse(sizeText, NumberStyles.Integer, CultureInfo.InvariantCulture, out size))
            {
                return (400, new JsonObject { ["code"] = 9, ["name"] = "invalid size", ["message"] = "size must be a number" });
            }
            if (size < 1 || size > MaxSize)
            {
                return (400, new JsonObject { ["code"] = 9, ["name"] = "invalid size", ["message"] = $"size must be an integer between 1 and {MaxSize}" });
            }
        }
        var start = 0;
        if (query.TryGetValue("offset", out var offsetText) && offsetText.ToString() is { Length: > 0 } token)
        {
            if (DecodeOffset(token) is not { } decoded || decoded > rows.Count)
            {
                return (400, new JsonObject { ["code"] = 7, ["name"] = "invalid offset", ["message"] = $"'{token}' is not a valid offset: bad base64 encoding" });
            }
            start = decoded;
        }
        var data = new JsonArray(rows.Skip(start).Take(size).Select(r => (JsonNode?)Present(kind, r, entities)).ToArray());
        var body = new JsonObject { ["data"] = data, ["next"] = null };
        if (start + size < rows.Count)
        {
            var next = EncodeOffset(start + size);
            body["offset"] = next;
            body["next"] = $"{path}?offset={Uri.EscapeDataString(next)}";
        }
        return (200, body);
    }

    private static string EncodeOffset(int index) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{index}"));

    private static int? DecodeOffset(string token)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
