using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;

namespace KongDashboard.EmbeddedCluster.Patching;

/// <summary>RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over RFC 6901 pointers.</summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode document, JsonArray operations)
    {
        foreach (var opNode in operations)
        {
            if (opNode is not JsonObject op)
            {
                throw ApiException.BadRequest("json patch operation must be an object");
            }

            var name = op["op"]?.ToString();
            var path = op["path"]?.ToString() ?? throw ApiException.BadRequest("json patch operation is missing path");
            switch (name)
            {
                case "add": document = Add(document, path, op["value"]?.DeepClone()); break;
                case "remove": Remove(document, path); break;
                case "replace":
                    Remove(document, path);
                    document = Add(document, path, op["value"]?.DeepClone());
                    break;
                case "move":
                    {
                        var from = op["from"]?.ToString() ?? throw ApiException.BadRequest("move needs from");
                        var value = Remove(document, from);
                        document = Add(document, path, value);
                        break;
                    }
                case "copy":
                    {
                        var from = op["from"]?.ToString() ?? throw ApiException.BadRequest("copy needs from");
                        document = Add(document, path, Resolve(document, from)?.DeepClone());
                        break;
                    }
                case "test":
                    if (!JsonNode.DeepEquals(Resolve(document, path), op["value"]))
                    {
                        throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: test failed for {path}");
                    }

                    break;
                default: throw ApiException.BadRequest($"Unknown json patch operation '{name}'");
            }
        }
        return document;
    }

    private static string[] Split(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(s => s.Replace("~1", "/").Replace("~0", "~")).ToArray();

    private static JsonNode? Resolve(JsonNode document, string pointer)
    {
        JsonNode? node = document;
        foreach (var segment in Split(pointer))
        {
            node = node switch
            {
                JsonObject o when o.ContainsKey(segment) => o[segment],
                JsonArray a when int.TryParse(segment, out var i) && i >= 0 && i < a.Count => a[i],
                _ => throw Missing(pointer),
            };
        }
        return node;
    }

    private static JsonNode Add(JsonNode document, string pointer, JsonNode? value)
    {
        var segments = Split(pointer);
        if (segments.Length == 0)
        {
            return value ?? throw ApiException.BadRequest("cannot replace the document with null");
        }

        var parent = Resolve(document, ParentPointer(segments));
        var last = segments[^1];
        switch (parent)
        {
            case JsonObject o: o[last] = value; break;
            case JsonArray a when last == "-": a.Add(value); break;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i <= a.Count: a.Insert(i, value); break;
            default: throw Missing(pointer);
        }
        return document;
    }

    private static JsonNode? Remove(JsonNode document, string pointer)
    {
        var segments = Split(pointer);
        if (segments.Length == 0)
        {
            throw ApiException.BadRequest("cannot remove the whole document");
        }

        var parent = Resolve(document, ParentPointer(segments));
        var last = segments[^1];
        switch (parent)
        {
            case JsonObject o when o.ContainsKey(last):
                var removed = o[last];
                o.Remove(last);
                return removed;
            case JsonArray a when int.TryParse(last, out var i) && i >= 0 && i < a.Count:
                var item = a[i];
                a.RemoveAt(i);
                return item;
            default: throw Missing(pointer);
        }
    }

    private static string ParentPointer(string[] segments) =>
        string.Concat(segments[..^1].Select(s => "/" + s.Replace("~", "~0").Replace("/", "~1")));

    private static ApiException Missing(string pointer) =>
        new(422, "Invalid", $"the server rejected our request due to an error in our request: path {pointer} does not exist");
}
