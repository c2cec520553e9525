using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Views;

/// <summary>
/// The desired Kong configuration as browsable tables, each row linked to the Kubernetes object it came from, and
/// the reverse index (object → entities). Built by a pure function of the translation output; everything goes
/// through <see cref="SecretRedactor"/> first, so no credential, key or value from a Secret reaches a row.
/// </summary>
public sealed record KongEntityViews(
    ImmutableArray<ServiceRow> Services,
    ImmutableArray<RouteRow> Routes,
    ImmutableArray<UpstreamRow> Upstreams,
    ImmutableArray<PluginRow> Plugins,
    ImmutableArray<ConsumerRow> Consumers,
    ImmutableArray<ConsumerGroupRow> ConsumerGroups,
    ImmutableArray<CertificateRow> Certificates,
    ImmutableDictionary<SourceKey, ImmutableArray<EntityLink>> BySource)
{
    public static readonly KongEntityViews Empty = Build(new KongConfig());

    // One build per configuration, shared by every open page (configurations are immutable and replaced whole).
    private static readonly ConditionalWeakTable<KongConfig, KongEntityViews> Cache = new();

    /// <summary>The views of <paramref name="config"/>, built once per configuration instance.</summary>
    public static KongEntityViews For(KongConfig config) => Cache.GetValue(config, Build);

    /// <summary>The Kong entities a Kubernetes object produced (empty when none).</summary>
    public ImmutableArray<EntityLink> EntitiesOf(SourceKey source) => BySource.TryGetValue(source, out var links) ? links : [];

    public static KongEntityViews Build(KongConfig raw)
    {
        var config = SecretRedactor.Redact(raw);
        var services = config.Services ?? [];
        var allPlugins = PluginInstances(config).ToList();
        var pluginRows = allPlugins.Select(p => PluginRow(p.Plugin, p.Attachments(config))).ToImmutableArray();

        var serviceRows = services.Select(s => new ServiceRow(
            s.Name ?? s.Id ?? "",
            Url(s),
            [.. (s.Routes ?? []).Select(r => r.Name ?? r.Id ?? "")],
            PluginNames(pluginRows, KongEntityKind.Service, s.Name),
            EntitySource.FromTags(s.Tags))).ToImmutableArray();

        var routeRows = config.AllRoutes().Select(sr => new RouteRow(
            sr.Route.Name ?? sr.Route.Id ?? "",
            sr.Service.Name ?? "",
            [.. sr.Route.Hosts ?? []],
            [.. sr.Route.Paths ?? []],
            [.. sr.Route.Methods ?? []],
            [.. sr.Route.Protocols ?? []],
            sr.Route.Expression,
            PluginNames(pluginRows, KongEntityKind.Route, sr.Route.Name),
            EntitySource.FromTags(sr.Route.Tags))).ToImmutableArray();

        var upstreamRows = (config.Upstreams ?? []).Select(u => new UpstreamRow(
            u.Name ?? "",
            u.Algorithm ?? "round-robin",
            [.. (u.Targets ?? []).Select(t => new TargetRow(t.Target ?? "", t.Weight ?? 100, EntitySource.FromTags(t.Tags)))],
            EntitySource.Distinct([u.Tags, .. (u.Targets ?? []).Select(t => t.Tags)]))).ToImmutableArray();

        var groups = config.ConsumerGroups ?? [];
        var consumers = config.Consumers ?? [];
        var membership = Membership(consumers, groups, config.ConsumerGroupConsumers ?? []);
        var consumerRows = consumers.Select(c => new ConsumerRow(
            c.Username ?? c.Id ?? "",
            c.CustomId,
            Credentials(c),
            [.. membership.Where(m => m.Consumer == (c.Username ?? c.Id)).Select(m => m.Group).Distinct()],
            PluginNames(pluginRows, KongEntityKind.Consumer, c.Username),
            EntitySource.FromTags(c.Tags))).ToImmutableArray();
        var groupRows = groups.Select(g => new ConsumerGroupRow(
            g.Name ?? g.Id ?? "",
            [.. membership.Where(m => m.Group == (g.Name ?? g.Id)).Select(m => m.Consumer).Distinct()],
            PluginNames(pluginRows, KongEntityKind.ConsumerGroup, g.Name),
            EntitySource.FromTags(g.Tags))).ToImmutableArray();

        var certificateRows = (config.Certificates ?? [])
            .Select(c => Certificate(c.Id ?? "", KongEntityKind.Certificate, c.Cert, [.. (c.Snis ?? []).Select(s => s.Name ?? "")], c.Tags))
            .Concat((config.CaCertificates ?? []).Select(c => Certificate(c.Id ?? "", KongEntityKind.CaCertificate, c.Cert, [], c.Tags)))
            .ToImmutableArray();

        return new KongEntityViews(serviceRows, routeRows, upstreamRows, pluginRows, consumerRows, groupRows, certificateRows,
            IndexBySource(serviceRows, routeRows, upstreamRows, pluginRows, consumerRows, groupRows, certificateRows));
    }

    private static string Url(KongService s)
    {
        var port = s.Port is { } p ? $":{p}" : "";
        return $"{s.Protocol ?? "http"}://{s.Host}{port}{s.Path}";
    }

    private static ImmutableArray<string> PluginNames(ImmutableArray<PluginRow> plugins, KongEntityKind kind, string? entity) =>
        entity is null ? [] : [.. plugins.Where(p => p.AttachedTo.Any(a => a.Kind == kind && a.Entity == entity)).Select(p => p.InstanceName ?? p.Name)];

    private sealed record PluginInstance(KongPluginEntity Plugin, KongService? NestedIn, KongRoute? NestedInRoute)
    {
        public ImmutableArray<PluginAttachment> Attachments(KongConfig config)
        {
            var list = new List<PluginAttachment>();
            var service = NestedIn?.Name ?? Plugin.Service;
            var route = NestedInRoute?.Name ?? Plugin.Route;
            if (route is not null)
            {
                var found = NestedInRoute ?? config.AllRoutes().Select(sr => sr.Route).FirstOrDefault(r => r.Name == route || r.Id == route);
                list.Add(new PluginAttachment(KongEntityKind.Route, route, EntitySource.FromTags(found?.Tags)));
            }
            else if (service is not null)
            {
                var found = NestedIn ?? config.Services?.FirstOrDefault(s => s.Name == service || s.Id == service);
                list.Add(new PluginAttachment(KongEntityKind.Service, service, EntitySource.FromTags(found?.Tags)));
            }

            if (Plugin.Consumer is { } consumer)
            {
                var found = config.Consumers?.FirstOrDefault(c => c.Username == consumer || c.Id == consumer);
                list.Add(new PluginAttachment(KongEntityKind.Consumer, found?.Username ?? consumer, EntitySource.FromTags(found?.Tags)));
            }

            if (Plugin.ConsumerGroup is { } group)
            {
                var found = config.ConsumerGroups?.FirstOrDefault(g => g.Name == group || g.Id == group);
                list.Add(new PluginAttachment(KongEntityKind.ConsumerGroup, found?.Name ?? group, EntitySource.FromTags(found?.Tags)));
            }

            return [.. list];
        }
    }

    // Top-level plugins plus those nested in services and routes (Gateway API filters, unresolved backends).
    private static IEnumerable<PluginInstance> PluginInstances(KongConfig config) =>
        (config.Plugins ?? []).Select(p => new PluginInstance(p, null, null))
            .Concat((config.Services ?? []).SelectMany(s => (s.Plugins ?? []).Select(p => new PluginInstance(p, s, null))))
            .Concat(config.AllRoutes().SelectMany(sr => (sr.Route.Plugins ?? []).Select(p => new PluginInstance(p, sr.Service, sr.Route))));

    private static PluginRow PluginRow(KongPluginEntity p, ImmutableArray<PluginAttachment> attachedTo) => new(
        p.Id ?? "",
        p.Name ?? "",
        p.InstanceName,
        p.Enabled ?? true,
        [.. p.Protocols ?? []],
        attachedTo,
        // Already redacted with the configuration; scrubbed again as text because config JSON is free-form.
        SecretRedactor.Scrub(p.Config?.ToJsonString(IndentedJson) ?? "{}"),
        EntitySource.FromTags(p.Tags));

    private static readonly JsonSerializerOptions IndentedJson = new() { WriteIndented = true };

    private static readonly (string Type, Func<KongConsumerEntity, IReadOnlyList<JsonObject>?> Get)[] CredentialLists =
    [
        (CredentialTypes.KeyAuth, c => c.KeyauthCredentials),
        (CredentialTypes.BasicAuth, c => c.BasicauthCredentials),
        (CredentialTypes.HmacAuth, c => c.HmacauthCredentials),
        (CredentialTypes.Jwt, c => c.JwtSecrets),
        (CredentialTypes.Oauth2, c => c.Oauth2Credentials),
        (CredentialTypes.Acl, c => c.Acls),
        (CredentialTypes.MtlsAuth, c => c.MtlsAuthCredentials),
    ];

    private static ImmutableArray<CredentialRow> Credentials(KongConsumerEntity consumer) =>
        [.. CredentialLists.SelectMany(list => (list.Get(consumer) ?? []).Select(credential => new CredentialRow(
            list.Type,
            [.. credential.Where(f => f.Key != "tags" && f.Value is not null)
                .Select(f => KeyValuePair.Create(f.Key, SecretRedactor.SecretFields.Contains(f.Key)
                    ? SecretRedactor.Redacted
                    : SecretRedactor.Scrub(f.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : f.Value!.ToJsonString())))])))];

    private readonly record struct Member(string Consumer, string Group);

    private static List<Member> Membership(
        IReadOnlyList<KongConsumerEntity> consumers, IReadOnlyList<KongConsumerGroup> groups, IReadOnlyList<KongConsumerGroupConsumer> links)
    {
        string GroupName(string idOrName) => groups.FirstOrDefault(g => g.Id == idOrName || g.Name == idOrName)?.Name ?? idOrName;
        string ConsumerName(string idOrName) => consumers.FirstOrDefault(c => c.Id == idOrName || c.Username == idOrName)?.Username ?? idOrName;

        return
        [
            .. consumers.SelectMany(c => (c.Groups ?? []).Select(g => new Member(c.Username ?? c.Id ?? "", GroupName(g.Id)))),
            .. groups.SelectMany(g => (g.Consumers ?? []).Select(m => new Member(ConsumerName(m.Username), g.Name ?? g.Id ?? ""))),
            .. links.Select(l => new Member(ConsumerName(l.Consumer), GroupName(l.ConsumerGroup))),
        ];
    }

    private static CertificateRow Certificate(string id, KongEntityKind kind, string? pem, ImmutableArray<string> snis, IReadOnlyList<string>? tags)
    {
        string? subject = null, issuer = null;
        DateTimeOffset? notAfter = null;
        if (!string.IsNullOrWhiteSpace(pem))
        {
            try
            {
                // Public certificate only; the key is never read into a view.
                using var cert = X509Certificate2.CreateFromPem(pem);
                (subject, issuer, notAfter) = (cert.Subject, cert.Issuer, new DateTimeOffset(cert.NotAfter.ToUniversalTime(), TimeSpan.Zero));
            }
            catch (CryptographicException)
            {
                // Kong rejects an unreadable certificate at push time; the table still lists the entity and its source.
            }
        }

        return new CertificateRow(id, kind, snis, subject, issuer, notAfter, EntitySource.FromTags(tags));
    }

    private static ImmutableDictionary<SourceKey, ImmutableArray<EntityLink>> IndexBySource(
        ImmutableArray<ServiceRow> services, ImmutableArray<RouteRow> routes, ImmutableArray<UpstreamRow> upstreams,
        ImmutableArray<PluginRow> plugins, ImmutableArray<ConsumerRow> consumers, ImmutableArray<ConsumerGroupRow> groups,
        ImmutableArray<CertificateRow> certificates)
    {
        var pairs = services.Select(s => (s.Source, Link: new EntityLink(KongEntityKind.Service, s.Name)))
            .Concat(routes.Select(r => (r.Source, Link: new EntityLink(KongEntityKind.Route, r.Name))))
            .Concat(upstreams.SelectMany(u => u.Sources.Select(s => (Source: (Cluster.ObjectRef?)s, Link: new EntityLink(KongEntityKind.Upstream, u.Name)))))
            .Concat(plugins.Select(p => (p.Source, Link: new EntityLink(KongEntityKind.Plugin, p.InstanceName ?? p.Name))))
            .Concat(consumers.Select(c => (c.Source, Link: new EntityLink(KongEntityKind.Consumer, c.Username))))
            .Concat(groups.Select(g => (g.Source, Link: new EntityLink(KongEntityKind.ConsumerGroup, g.Name))))
            .Concat(certificates.Select(c => (c.Source, Link: new EntityLink(c.Kind, c.Id))));
        return pairs.Where(p => p.Source is not null)
            .GroupBy(p => SourceKey.Of(p.Source!), p => p.Link)
            .ToImmutableDictionary(g => g.Key, g => g.Distinct().ToImmutableArray());
    }
}
