using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway.Validation;
using Microsoft.AspNetCore.Http;

namespace KongDashboard.EmbeddedCluster.KongGateway.Database;

/// <summary>
/// Kong's generated entity endpoints with a database (kong/api/endpoints.lua, generate_endpoints :838): collections
/// (GET page, POST insert → 201), entities by id or endpoint key (GET, PUT upsert → 200, PATCH → 200, DELETE → 204 also
/// when absent), nested collections and entities under their parent, all reading and writing the shared
/// <see cref="KongDatabase"/> directly, as every Kong node's Admin API does.
/// </summary>
internal sealed class DatabaseAdminApi(KongDatabase database, string routerFlavor, string nodeName)
{
    private const int DefaultPageSize = 100; // endpoints.lua:144-147 extract_options pagination
    private const int MaxPageSize = 1000;

    private readonly DeclarativeValidator _validator = new(routerFlavor, null);

    public async Task<AdminReply> HandleAsync(HttpContext context, string method, string[] segments)
    {
        var reply = await RouteAsync(context, method, segments);
        if (method is "POST" or "PUT" or "PATCH" or "DELETE")
        {
            database.RecordWrite(new DatabaseWrite(database.Time.GetUtcNow(), nodeName, method, context.Request.Path.Value ?? "",
                reply.Status, context.Request.Headers.UserAgent.ToString()));
        }

        return reply;
    }

    private async Task<AdminReply> RouteAsync(HttpContext context, string method, string[] segments)
    {
        if (!EntityKind.ByPath.TryGetValue(segments[0], out var kind) || segments.Length > 4)
        {
            return DaoErrors.NotFound();
        }

        // kong/api/routes/upstreams.lua: /targets, /targets/:targets and /targets/:targets/upstream are disabled
        if (kind.Plural == "targets")
        {
            return DaoErrors.NotFound();
        }

        JsonObject? body = null;
        if (method is "POST" or "PUT" or "PATCH")
        {
            (body, var error) = await ReadBodyAsync(context.Request);
            if (error is not null)
            {
                return error.Value;
            }
        }

        var query = context.Request.Query;
        return database.Transaction(tables => segments.Length switch
        {
            1 => method switch
            {
                "GET" or "HEAD" => Page(tables, kind, null, query, "/" + kind.Path, nested: false),
                "POST" => Save(tables, kind, body!, existing: null, idFromUrl: null),
                _ => MethodNotAllowed(),
            },
            2 => OnEntity(tables, kind, segments[1], method, body, parent: null),
            _ => OnNested(tables, kind, segments, method, body, query),
        });
    }

    private AdminReply OnNested(DatabaseTables tables, EntityKind kind, string[] segments, string method, JsonObject? body, IQueryCollection query)
    {
        var (parent, lookupError) = Find(tables, kind, segments[1]);
        if (lookupError is not null)
        {
            return lookupError.Value;
        }

        if (ChildOf(kind, segments[2]) is not { } child)
        {
            // the "foreign entity" endpoint, e.g. /routes/{r}/service (endpoints.lua:437-505): read only here
            if (segments.Length == 3 && kind.Foreign.TryGetValue(segments[2], out var referenced) && method is "GET" or "HEAD")
            {
                return parent?[segments[2]] is JsonObject fk && FieldChecks.AsString(fk["id"]) is { } fid
                    && tables.Get(referenced, fid) is { } foreign
                    ? new(200, Present(tables, EntityKind.ByPlural[referenced], foreign))
                    : DaoErrors.NotFound();
            }

            return DaoErrors.NotFound();
        }

        if (parent is null)
        {
            return DaoErrors.NotFound(); // endpoints.lua:351-357: the parent must exist
        }

        var parentRef = new JsonObject { ["id"] = parent["id"]!.DeepClone() };
        if (segments.Length == 3)
        {
            return method switch
            {
                "GET" or "HEAD" => Page(tables, child.Kind, (child.Field, parent["id"]!.GetValue<string>()), query,
                    $"/{segments[0]}/{segments[1]}/{segments[2]}", nested: true),
                // endpoints.lua:394-425: the child's foreign key is the parent from the URL
                "POST" => Save(tables, child.Kind, With(body!, child.Field, parentRef), existing: null, idFromUrl: null),
                _ => MethodNotAllowed(),
            };
        }

        // kong/api/routes/upstreams.lua: /upstreams/{u}/targets/all lists every target row
        if (child.Kind.Plural == "targets" && segments[3] == "all" && method is "GET" or "HEAD")
        {
            return Page(tables, child.Kind, (child.Field, parent["id"]!.GetValue<string>()), query, $"/{segments[0]}/{segments[1]}/targets/all", nested: true);
        }

        return OnEntity(tables, child.Kind, segments[3], method, body, (child.Field, parentRef));
    }

    /// <summary>GET/PUT/PATCH/DELETE of one entity; under a parent the entity must belong to it (endpoints.lua:720-735).</summary>
    private AdminReply OnEntity(DatabaseTables tables, EntityKind kind, string idOrKey, string method, JsonObject? body, (string Field, JsonObject Ref)? parent)
    {
        if (kind.Plural == "certificates" && !FieldChecks.IsUuid(idOrKey))
        {
            return OnCertificateBySni(tables, kind, idOrKey, method, body);
        }

        var (existing, lookupError) = Find(tables, kind, idOrKey);
        if (lookupError is not null)
        {
            return lookupError.Value;
        }

        if (existing is not null && parent is { } p && !BelongsTo(existing, p.Field, p.Ref))
        {
            return DaoErrors.NotFound();
        }

        switch (method)
        {
            case "GET" or "HEAD":
                return existing is null ? DaoErrors.NotFound() : new(200, Present(tables, kind, existing));
            case "DELETE":
                return existing is null ? new(204, null) : Delete(tables, kind, existing);
            case "PATCH":
                if (existing is null)
                {
                    return DaoErrors.NotFound(); // endpoints.lua:591-605 → not_found when nothing to update
                }

                var merged = Merge(Stored(existing), body!);
                return Save(tables, kind, parent is { } pp ? With(merged, pp.Field, pp.Ref) : merged, existing, idFromUrl: null, status: 200);
            case "PUT":
                var input = body!;
                if (!FieldChecks.IsUuid(idOrKey) && kind.EndpointKey is { } key)
                {
                    input = With(input, key, JsonValue.Create(idOrKey)); // PUT by key: the URL's key wins over the body
                }

                if (parent is { } parentFk)
                {
                    input = With(input, parentFk.Field, parentFk.Ref);
                }

                var id = existing?["id"]?.GetValue<string>() ?? (FieldChecks.IsUuid(idOrKey) ? idOrKey : null);
                return Save(tables, kind, input, existing, id, status: 200);
            default:
                return MethodNotAllowed();
        }
    }

    /// <summary>kong/api/routes/certificates.lua:37-80: a non-UUID names an SNI; PUT creates a certificate carrying it.</summary>
    private AdminReply OnCertificateBySni(DatabaseTables tables, EntityKind kind, string name, string method, JsonObject? body)
    {
        var sni = tables.Rows("snis").FirstOrDefault(s => FieldChecks.AsString(s["name"]) == name);
        var certificate = sni?["certificate"] is JsonObject fk && FieldChecks.AsString(fk["id"]) is { } cid ? tables.Get("certificates", cid) : null;
        if (certificate is null && method != "PUT")
        {
            return method == "DELETE" ? new(204, null) : new(404, new JsonObject { ["message"] = "SNI not found" });
        }

        if (certificate is not null)
        {
            return OnEntity(tables, kind, certificate["id"]!.GetValue<string>(), method, body, parent: null);
        }

        var input = (JsonObject)body!.DeepClone();
        var names = input["snis"] as JsonArray ?? [];
        if (!names.Any(n => FieldChecks.AsString(n) == name))
        {
            names.Add(name);
        }

        input["snis"] = names.DeepClone();
        return Save(tables, kind, input, existing: null, idFromUrl: Guid.NewGuid().ToString(), status: 200);
    }

    /// <summary>
    /// Insert or replace: schema validation (the embedded validators), defaults (process_auto_fields), foreign keys
    /// (errors.lua:277 invalid reference) and unique keys (errors.lua:361, 409), then the write.
    /// </summary>
    private AdminReply Save(DatabaseTables tables, EntityKind kind, JsonObject input, JsonObject? existing, string? idFromUrl, int status = 201)
    {
        var entity = (JsonObject)input.DeepClone();
        var sniNames = kind.Plural == "certificates" ? entity["snis"] as JsonArray : null;
        entity.Remove("snis");
        foreach (var (child, _) in kind.Children)
        {
            if (entity.ContainsKey(child.Plural) && !(kind.Plural == "certificates" && child.Plural == "snis"))
            {
                return DaoErrors.SchemaViolation(child.Plural, FieldChecks.Unknown); // no nested entities outside declarative config
            }
        }

        var id = idFromUrl ?? FieldChecks.AsString(existing?["id"]) ?? FieldChecks.AsString(entity["id"]) ?? Guid.NewGuid().ToString();
        if (existing is null && idFromUrl is null && tables.Get(kind.Plural, id) is not null)
        {
            // errors.lua primary_key_violation, 400 per endpoints.lua:28
            return DaoErrors.Error(400, 3, "primary key violation", $"primary key violation on key '{{id=\"{id}\"}}'", new JsonObject { ["id"] = id });
        }

        entity["id"] = id;
        var found = new List<EntityErrors>();
        _validator.ValidateItem(kind, entity, kind.Plural, 1, found, new JsonObject());
        if (found.Count > 0)
        {
            return DaoErrors.SchemaViolation(found[0]);
        }

        if (kind.Plural == "services" && entity.ContainsKey("url"))
        {
            ServiceValidator.ExpandUrl(entity);
        }

        var now = database.Time.GetUtcNow().ToUnixTimeSeconds();
        entity.Remove("updated_at");
        entity["created_at"] = existing?["created_at"]?.DeepClone() ?? entity["created_at"]?.DeepClone() ?? now;
        EntityDefaults.Apply(kind.Plural, entity, routerFlavor, now);
        EntityRules.FillAutoFields(kind, entity, input.ContainsKey("password"));
        // stored as parsed JSON, as a row read back from Postgres: later validation (PATCH) reads values as JSON elements
        entity = (JsonObject)JsonNode.Parse(entity.ToJsonString())!;

        foreach (var (field, referenced) in kind.Foreign)
        {
            if (entity[field] is JsonObject fk && FieldChecks.AsString(fk["id"]) is { } fid && tables.Get(referenced, fid) is null)
            {
                return DaoErrors.ForeignKeyInvalid(field, new JsonObject { ["id"] = fid }, referenced);
            }
        }

        foreach (var fields in EntityRules.UniqueKeys(kind))
        {
            if (EntityRules.KeyOf(entity, fields) is not { } key)
            {
                continue;
            }

            var keyText = key.ToJsonString();
            if (tables.Rows(kind.Plural).Any(r => r["id"]!.GetValue<string>() != id && EntityRules.KeyOf(r, fields)?.ToJsonString() == keyText))
            {
                return DaoErrors.UniqueViolation(key);
            }
        }

        if (sniNames is not null)
        {
            foreach (var name in sniNames.Select(FieldChecks.AsString).OfType<string>())
            {
                if (tables.Rows("snis").Any(s => FieldChecks.AsString(s["name"]) == name && !BelongsTo(s, "certificate", new JsonObject { ["id"] = id })))
                {
                    return DaoErrors.UniqueViolation(new JsonObject { ["name"] = name });
                }
            }
        }

        tables.Put(kind.Plural, entity);
        if (kind.Plural == "certificates" && (sniNames is not null || existing is not null))
        {
            ReplaceSnis(tables, id, sniNames?.Select(FieldChecks.AsString).OfType<string>().ToList() ?? [], now);
        }

        return new(status, Present(tables, kind, entity));
    }

    /// <summary>kong/db/dao/certificates.lua: a certificate's snis list replaces its SNI rows.</summary>
    private static void ReplaceSnis(DatabaseTables tables, string certificateId, List<string> names, long now)
    {
        var owner = new JsonObject { ["id"] = certificateId };
        foreach (var old in tables.Rows("snis").Where(s => BelongsTo(s, "certificate", owner)).ToList())
        {
            if (!names.Contains(FieldChecks.AsString(old["name"]) ?? ""))
            {
                tables.Remove("snis", old["id"]!.GetValue<string>());
            }
        }

        foreach (var name in names.Where(n => !tables.Rows("snis").Any(s => FieldChecks.AsString(s["name"]) == n)))
        {
            tables.Put("snis", new JsonObject
            {
                ["id"] = Guid.NewGuid().ToString(),
                ["name"] = name,
                ["certificate"] = owner.DeepClone(),
                ["created_at"] = now,
                ["updated_at"] = now,
                ["tags"] = null,
            });
        }
    }

    /// <summary>Restricting references refuse the delete (errors.lua:301); cascading ones go with it (dao/init.lua:639-665).</summary>
    private static AdminReply Delete(DatabaseTables tables, EntityKind kind, JsonObject entity)
    {
        var reference = new JsonObject { ["id"] = entity["id"]!.DeepClone() };
        foreach (var (child, field) in kind.Children)
        {
            if (!EntityRules.Cascades(child, field) && !(kind.Plural == "certificates" && child.Plural == "snis")
                && tables.Rows(child.Plural).Any(r => BelongsTo(r, field, reference)))
            {
                return DaoErrors.ForeignKeyRestricted(kind.Plural, child.Plural);
            }
        }

        Remove(tables, kind, entity);
        return new(204, null);
    }

    private static void Remove(DatabaseTables tables, EntityKind kind, JsonObject entity)
    {
        var reference = new JsonObject { ["id"] = entity["id"]!.DeepClone() };
        foreach (var (child, field) in kind.Children)
        {
            if (EntityRules.Cascades(child, field) || (kind.Plural == "certificates" && child.Plural == "snis"))
            {
                foreach (var row in tables.Rows(child.Plural).Where(r => BelongsTo(r, field, reference)).ToList())
                {
                    Remove(tables, child, row);
                }
            }
        }

        tables.Remove(kind.Plural, entity["id"]!.GetValue<string>());
    }

    /// <summary>
    /// A page in primary-key order: <c>{"data":[…],"offset":…,"next":…}</c>, <c>next</c> null and no offset on the last
    /// page (endpoints.lua:315-392: top-level <c>next</c> keeps tags and size, nested ones only the offset).
    /// </summary>
    private static AdminReply Page(DatabaseTables tables, EntityKind kind, (string Field, string Id)? parent, IQueryCollection query, string path, bool nested)
    {
        var size = DefaultPageSize;
        if (query.TryGetValue("size", out var sizeText))
        {
            // endpoints.lua:191-202 get_page_size; the range is kong/db/dao/init.lua validate_size
            if (!int.TryParse(sizeText, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out size))
            {
                return DaoErrors.Error(400, 9, "invalid size", "size must be a number", null);
            }

            if (size < 1 || size > MaxPageSize)
            {
                return DaoErrors.Error(400, 9, "invalid size", $"size must be an integer between 1 and {MaxPageSize}", null);
            }
        }

        var (filter, tagError) = TagFilter.Parse(query.TryGetValue("tags", out var tagText) ? tagText.ToString() : null);
        if (tagError is not null)
        {
            return tagError.Value;
        }

        string? after = null;
        if (query.TryGetValue("offset", out var offsetText) && offsetText.ToString() is { Length: > 0 } token)
        {
            after = DecodeOffset(token);
            if (after is null)
            {
                return DaoErrors.Error(400, 7, "invalid offset", $"'{token}' is not a valid offset: bad base64 encoding", null);
            }
        }

        var rows = tables.Rows(kind.Plural)
            .Where(r => parent is not { } p || BelongsTo(r, p.Field, new JsonObject { ["id"] = p.Id }))
            .Where(r => filter?.Matches(r) ?? true)
            .Where(r => after is null || string.CompareOrdinal(r["id"]!.GetValue<string>(), after) > 0)
            .Take(size + 1)
            .ToList();
        var more = rows.Count > size;
        var data = new JsonArray(rows.Take(size).Select(r => (JsonNode)Present(tables, kind, r)).ToArray());
        var body = new JsonObject { ["data"] = data };
        if (more)
        {
            var offset = EncodeOffset(rows[size - 1]["id"]!.GetValue<string>());
            body["offset"] = offset;
            var next = $"{path}?offset={Uri.EscapeDataString(offset)}";
            if (!nested)
            {
                next += (query.ContainsKey("tags") ? "&tags=" + Uri.EscapeDataString(tagText.ToString()) : "")
                    + (query.ContainsKey("size") ? "&size=" + sizeText : "");
            }

            body["next"] = next;
        }
        else
        {
            body["next"] = null;
        }

        return new(200, body);
    }

    /// <summary>Certificates are shown with their SNI names (kong/db/dao/certificates.lua).</summary>
    private static JsonObject Present(DatabaseTables tables, EntityKind kind, JsonObject row)
    {
        var copy = (JsonObject)row.DeepClone();
        if (kind.Plural == "certificates")
        {
            var owner = new JsonObject { ["id"] = row["id"]!.DeepClone() };
            copy["snis"] = new JsonArray(tables.Rows("snis").Where(s => BelongsTo(s, "certificate", owner))
                .Select(s => FieldChecks.AsString(s["name"])).Order(StringComparer.Ordinal).Select(n => (JsonNode?)n).ToArray());
        }

        return copy;
    }

    /// <summary>endpoints.lua select_entity: a UUID is the primary key, anything else the endpoint key (if the schema has one).</summary>
    private static (JsonObject? Entity, AdminReply? Error) Find(DatabaseTables tables, EntityKind kind, string idOrKey)
    {
        if (FieldChecks.IsUuid(idOrKey))
        {
            return (tables.Get(kind.Plural, idOrKey), null);
        }

        if (kind.EndpointKey is { } key)
        {
            return (tables.Rows(kind.Plural).FirstOrDefault(r => FieldChecks.AsString(r[key]) == idOrKey), null);
        }

        // errors.lua invalid_primary_key: the primary key's own validation error
        return (null, DaoErrors.Error(400, 1, "invalid primary key", "invalid primary key: '{id=\"expected a valid UUID\"}'",
            new JsonObject { ["id"] = "expected a valid UUID" }));
    }

    private static (EntityKind Kind, string Field)? ChildOf(EntityKind parent, string segment) =>
        parent.Children.Select(c => ((EntityKind Kind, string Field)?)c)
            .FirstOrDefault(c => c!.Value.Kind.Path == segment || c.Value.Kind.Path.TrimEnd('s') == segment);

    private static bool BelongsTo(JsonObject row, string field, JsonObject reference) =>
        row[field] is JsonObject fk && FieldChecks.AsString(fk["id"]) == FieldChecks.AsString(reference["id"]);

    private static JsonObject With(JsonObject input, string field, JsonNode? value)
    {
        var copy = (JsonObject)input.DeepClone();
        copy[field] = value?.DeepClone();
        return copy;
    }

    /// <summary>The stored row as PATCH's read-before-write sees it (timestamps are set again on save).</summary>
    private static JsonObject Stored(JsonObject row)
    {
        var copy = (JsonObject)row.DeepClone();
        copy.Remove("updated_at");
        return copy;
    }

    /// <summary>Schema:merge_values: the patch's fields over the stored ones, records merged field by field.</summary>
    private static JsonObject Merge(JsonObject stored, JsonObject patch)
    {
        foreach (var (k, v) in patch)
        {
            stored[k] = v is JsonObject o && stored[k] is JsonObject s && k != "service" && k != "route" && k != "consumer"
                ? Merge(s, o)
                : v?.DeepClone();
        }

        return stored;
    }

    private static async Task<(JsonObject? Body, AdminReply? Error)> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return (new JsonObject(), null);
        }

        try
        {
            return JsonNode.Parse(text) is JsonObject o ? (o, null) : (null, new(400, new JsonObject { ["message"] = "Cannot parse JSON body" }));
        }
        catch (JsonException)
        {
            // kong/api/api_helpers.lua parse_json: 400 "Cannot parse JSON body"
            return (null, new(400, new JsonObject { ["message"] = "Cannot parse JSON body" }));
        }
    }

    private static string EncodeOffset(string id) => Convert.ToBase64String(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new[] { id })));

    private static string? DecodeOffset(string token)
    {
        try
        {
            var ids = JsonSerializer.Deserialize<string[]>(Encoding.UTF8.GetString(Convert.FromBase64String(token)));
            return ids is [var id] ? id : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }

    private static AdminReply MethodNotAllowed() => new(405, new JsonObject { ["message"] = "Method not allowed" });
}
