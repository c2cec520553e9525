using System.Text.Json.Nodes;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Kubernetes.Crds;
using KongDashboard.Core.Translation.KongState;

namespace KongDashboard.Core.Translation.KongCrds;

/// <summary>
/// KongCustomEntity → entities of plugin-defined Kong types (KIC kongstate/customentity.go: FillCustomEntities):
/// types KIC builds itself are refused; the type's schema comes from <see cref="ClusterSnapshot.EntitySchemas"/>;
/// the fields are validated against it; an entity whose parentRef names a KongPlugin/KongClusterPlugin is generated
/// once per combination of the services, routes and consumers that plugin is attached to, its <c>foreign</c> fields
/// set to their Kong IDs. DB-less only, like KIC (the database sync has no section for them).
/// </summary>
internal static class CustomEntityBuilder
{
    // Types KIC translates from other inputs (kongstate/customentity.go: IsKnownEntityType).
    private static readonly HashSet<string> KnownTypes = new(StringComparer.Ordinal)
    {
        "services", "routes", "upstreams", "targets", "consumers", "consumer_groups", "plugins",
    };

    public static List<KongCustomEntities> Build(
        ClusterSnapshot snapshot, ClassSelection selection, IReadOnlyDictionary<string, PluginRelations> pluginRelations,
        IReadOnlyList<KongService> services, IEnumerable<KongConsumerEntity> consumers, List<TranslationFailure> failures)
    {
        var objects = Selected(snapshot, selection).ToList();
        if (objects.Count == 0)
        {
            return [];
        }
        var ids = new ForeignIds(services, consumers);
        var byType = new SortedDictionary<string, List<(KongCustomEntity Object, string[] SortIds, JsonObject Entity)>>(StringComparer.Ordinal);
        foreach (var entity in objects)
        {
            var type = entity.Spec?.Type ?? "";
            var key = $"{entity.Metadata.NamespaceProperty}/{entity.Metadata.Name}";
            if (KnownTypes.Contains(type))
            {
                failures.Add(Failure($"cannot use known entity type {type} in custom entity", entity));
                continue;
            }
            if (!snapshot.EntitySchemas.TryGet(type, out var schemaJson, out var schemaError))
            {
                failures.Add(Failure($"failed to fetch entity schema for entity type {type}: {schemaError}", entity));
                continue;
            }
            var schema = EntitySchemaFields.Of(schemaJson!);
            var fields = entity.Spec?.Fields ?? [];
            if (EntitySchemaValidation.Violation(schema, fields) is { } violation)
            {
                failures.Add(Failure($"entity {key} failed validation: {violation}", entity));
                continue;
            }
            if (!TryParentPluginKey(snapshot, entity, failures, out var parentKey))
            {
                continue;
            }
            // Not attached anywhere (or no plugin parent): one entity with the fields as written.
            var generated = parentKey is not null && pluginRelations.TryGetValue(parentKey, out var relations)
                ? Generate(fields, schema, relations, ids)
                : [([], (JsonObject)fields.DeepClone())];
            if (!byType.TryGetValue(type, out var list))
            {
                byType[type] = list = [];
            }
            list.AddRange(generated.Select(g => (entity, g.SortIds, g.Entity)));
        }
        return byType.Select(t => new KongCustomEntities(t.Key, t.Value
            .OrderBy(e => e.Object.Metadata.NamespaceProperty, StringComparer.Ordinal)
            .ThenBy(e => e.Object.Metadata.Name, StringComparer.Ordinal)
            .ThenBy(e => string.Join('\0', e.SortIds), StringComparer.Ordinal)
            .Select(e => e.Entity).ToList())).ToList();
    }

    /// <summary>KongCustomEntities of this controller: <c>spec.controllerName</c> is the class (empty: the default class).</summary>
    public static IEnumerable<KongCustomEntity> Selected(ClusterSnapshot snapshot, ClassSelection selection) =>
        snapshot.Get(WatchedKinds.KongCustomEntities)
            .Where(e => string.IsNullOrEmpty(e.Spec?.ControllerName) ? selection.IsDefaultClass : e.Spec.ControllerName == selection.Class)
            .OrderBy(e => ObjectKey.Of(e.Metadata));

    /// <summary>
    /// False after reporting why the parentRef cannot be used (findCustomEntityRelatedPlugin); otherwise
    /// <paramref name="key"/> is "&lt;namespace&gt;:&lt;name&gt;" of the parent plugin, or null when it names none.
    /// </summary>
    private static bool TryParentPluginKey(ClusterSnapshot snapshot, KongCustomEntity entity, List<TranslationFailure> failures, out string? key)
    {
        key = null;
        if (entity.Spec?.ParentRef is not { } parentRef || parentRef.Group != PluginGrants.PluginGroup
            || parentRef.Kind is not ("KongPlugin" or "KongClusterPlugin"))
        {
            return true;
        }
        var ns = entity.Metadata.NamespaceProperty ?? "";
        var name = parentRef.Name ?? "";
        string? error = null;
        if (!string.IsNullOrEmpty(parentRef.Namespace) && parentRef.Namespace != ns)
        {
            error = PluginGrants.Allowed(snapshot, ObjectRefs.Of(entity), parentRef.Namespace, name)
                ? null
                : PluginGrants.NoGrantMessage(parentRef.Namespace, name);
            ns = parentRef.Namespace;
        }
        error ??= parentRef.Kind == "KongPlugin"
            ? snapshot.KongPlugins.Get(ns, name) is null ? $"KongPlugin {ns}/{name} not found" : null
            : snapshot.KongClusterPlugins.Get("", name) is null ? $"KongClusterPlugin {name} not found" : null;
        if (error is not null)
        {
            failures.Add(Failure($"failed to find attached foreign entities for custom entity: {error}", entity));
            return false;
        }
        key = ns + ":" + name;
        return true;
    }

    private static List<(string[] SortIds, JsonObject Entity)> Generate(
        JsonObject fields, EntitySchemaFields schema, PluginRelations relations, ForeignIds ids)
    {
        var serviceFields = schema.ForeignFieldsTo("services").ToList();
        var routeFields = schema.ForeignFieldsTo("routes").ToList();
        var consumerFields = schema.ForeignFieldsTo("consumers").ToList();
        // Directly attached services; otherwise the services of the attached routes, each once (getServiceIDFromPluginRels).
        var serviceIds = serviceFields.Count == 0 ? [] : relations.Services.Count > 0
            ? relations.Services.Select(ids.Service).ToList()
            : relations.Routes.Select(ids.ServiceOfRoute).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var routeIds = routeFields.Count == 0 ? [] : relations.Routes.Select(ids.Route).ToList();
        var consumerIds = consumerFields.Count == 0 ? [] : relations.Consumers.Select(ids.Consumer).ToList();

        var result = new List<(string[], JsonObject)>();
        foreach (var (service, route, consumer) in Combinations(serviceIds, routeIds, consumerIds))
        {
            var entity = (JsonObject)fields.DeepClone();
            // A combination without one of the kinds still sets that kind's fields, to an empty ID, as KIC does.
            foreach (var f in serviceFields)
            {
                entity[f] = new JsonObject { ["id"] = service ?? "" };
            }
            foreach (var f in routeFields)
            {
                entity[f] = new JsonObject { ["id"] = route ?? "" };
            }
            foreach (var f in consumerFields)
            {
                entity[f] = new JsonObject { ["id"] = consumer ?? "" };
            }
            result.Add(([service ?? "", route ?? "", consumer ?? ""], entity));
        }
        return result.Count > 0 ? result : [([], (JsonObject)fields.DeepClone())];
    }

    // rels.ForeignRelations.GetCombinations without consumer groups (not collected for custom entities).
    private static IEnumerable<(string? Service, string? Route, string? Consumer)> Combinations(List<string> services, List<string> routes, List<string> consumers)
    {
        IEnumerable<(string?, string?, string?)> targets = services.Select(s => ((string?)s, (string?)null, (string?)null))
            .Concat(routes.Select(r => ((string?)null, (string?)r, (string?)null)));
        if (consumers.Count == 0)
        {
            return targets;
        }
        return services.Count + routes.Count == 0
            ? consumers.Select(c => ((string?)null, (string?)null, (string?)c))
            : consumers.SelectMany(c => targets.Select(t => (t.Item1, t.Item2, (string?)c)));
    }

    private static TranslationFailure Failure(string message, KongCustomEntity entity) => new(message, [ObjectRefs.Of(entity)]);

    /// <summary>Kong IDs of the final services, routes and consumers, by the names plugin relations use.</summary>
    private sealed class ForeignIds
    {
        private readonly Dictionary<string, string> _services = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (string Id, string ServiceId)> _routes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string> _consumers = new(StringComparer.Ordinal);

        public ForeignIds(IReadOnlyList<KongService> services, IEnumerable<KongConsumerEntity> consumers)
        {
            foreach (var s in services)
            {
                var serviceId = s.Id ?? KongIds.Service(s.Name!);
                _services[s.Name!] = serviceId;
                foreach (var r in s.Routes ?? [])
                {
                    _routes[r.Name!] = (r.Id ?? KongIds.Route(r.Name!), serviceId);
                }
            }
            foreach (var c in consumers)
            {
                var key = c.Username ?? c.CustomId!;
                _consumers[key] = c.Id ?? KongIds.Consumer(key);
            }
        }

        public string Service(string name) => _services.TryGetValue(name, out var id) ? id : KongIds.Service(name);

        public string Route(string name) => _routes.TryGetValue(name, out var r) ? r.Id : KongIds.Route(name);

        public string? ServiceOfRoute(string name) => _routes.TryGetValue(name, out var r) ? r.ServiceId : null;

        public string Consumer(string key) => _consumers.TryGetValue(key, out var id) ? id : KongIds.Consumer(key);
    }
}
