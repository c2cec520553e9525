using KongDashboard.Core.Controller;
using KongDashboard.Core.Status;

namespace KongDashboard.Api;

/// <summary>
/// The read-only API's views of <see cref="ControllerState"/>. Each is an explicit projection (an allow-list of
/// fields): configurations, raw Kong errors and Secret data are never part of them, whatever the core adds later.
/// </summary>
public static class StateShapes
{
    public static readonly IReadOnlyDictionary<string, Func<ControllerState, object>> Sections = new Dictionary<string, Func<ControllerState, object>>
    {
        ["status"] = Status,
        ["translation"] = Translation,
        ["gateways"] = Gateways,
        ["gateway-api"] = GatewayApi,
        ["leadership"] = Leadership,
        ["autoscaling"] = Autoscaling,
    };

    /// <summary>The part of the state each section is computed from: a new reference means the section may have changed.</summary>
    public static object SourceOf(string section, ControllerState s) => section switch
    {
        "status" => (s.Cache, s.Connection, s.Translation.Counts, s.Status.Counts, s.Translation.NotTranslated),
        "translation" => (s.Translation, s.Status),
        "gateways" => s.Sync,
        "leadership" => s.Leadership,
        "gateway-api" => s.Translation.GatewayApi,
        _ => (s.Autoscaling, s.PodMetrics),
    };

    public static object Status(ControllerState s) => new
    {
        version = s.Version,
        at = s.At,
        instance = s.InstanceId,
        cluster = new { mode = s.Connection.Mode.ToString(), display = s.Connection.DisplayName, server = s.Connection.Server, context = s.Connection.Context, role = s.Connection.Role.ToString(), demo = s.Connection.IsDemo },
        cache = new { synced = s.Cache.Synced, snapshotVersion = s.Cache.SnapshotVersion, lastChangeAt = s.Cache.LastChangeAt, kinds = s.Cache.Reflectors.Select(r => new { kind = r.Kind, synced = r.Synced, count = r.Count, lastError = r.LastError, unavailable = r.Unavailable, undecodable = r.Undecodable.Select(e => new { kind = e.Kind, @namespace = e.Namespace, name = e.Name, message = e.Message }) }) },
        counts = s.Translation.Counts,
        // Objects that failed to translate or that Kong rejected: the number every page shows as "failed".
        failures = s.Status.Counts.Failed,
        states = States(s.Status.Counts),
        notTranslated = s.Translation.NotTranslated.Select(o => new { kind = o.Kind, apiVersion = o.ApiVersion, @namespace = o.Namespace, name = o.Name, message = "not translated by this controller: " + o.Kind }),
        sync = new { enabled = s.Sync.Enabled, disabledReason = s.Sync.DisabledReason, gateways = s.Sync.Gateways.Length, inSync = s.Sync.InSync },
        leader = s.Leadership.Holder,
    };

    /// <summary>Gateways with their listeners, and the routes naming each as a parent: attached, or why not.</summary>
    public static object GatewayApi(ControllerState s) => new
    {
        at = s.Translation.At,
        gateways = s.Translation.GatewayApi.Select(g => new
        {
            @namespace = g.Key.Namespace,
            name = g.Key.Name,
            gatewayClass = g.GatewayClass,
            conditions = g.Conditions,
            listeners = g.Listeners,
            routes = g.Routes.Select(r => new
            {
                kind = r.Kind,
                @namespace = r.Route.Namespace,
                name = r.Route.Name,
                sectionName = r.SectionName,
                hostnames = r.Hostnames,
                attached = r.Translated,
                why = r.Why,
                conditions = r.Conditions,
            }),
        }),
    };

    private static object Row(ControllerState s, TranslationRow i) => new
    {
        kind = i.Kind,
        @namespace = i.Key.Namespace,
        name = i.Key.Name,
        ingressClass = i.Class,
        status = i.Status.ToString(),
        state = s.StatusOf(i)?.State.ToString(),
        stateLabel = s.StatusOf(i)?.Label,
        stateReason = s.StatusOf(i)?.Reason,
        hosts = i.Hosts,
        paths = i.Paths,
        backends = i.Backends,
        routes = i.Routes,
        messages = i.Messages,
    };

    public static object Translation(ControllerState s) => new
    {
        generation = s.Translation.Generation,
        snapshotVersion = s.Translation.SnapshotVersion,
        at = s.Translation.At,
        durationMs = s.Translation.Duration.TotalMilliseconds,
        counts = s.Translation.Counts,
        // The Ingress rows alone, as before (clients written for the first version keep working)…
        ingresses = s.Translation.Rows.Where(i => i.Kind == "Ingress").Select(i => Row(s, i)),
        // …and every routing object: Ingresses, Gateway API routes, TCPIngress/UDPIngress.
        routes = s.Translation.Rows.Select(i => Row(s, i)),
        failures = s.Translation.Failures.Select(f => new { message = f.Message, objects = f.CausingObjects.Select(o => o.ToString()) }),
        states = States(s.Status.Counts),
        // Every object of the status model: routes of every kind, and the objects errors landed on.
        objects = s.Status.All.Select(o => new
        {
            kind = o.Key.Kind,
            @namespace = o.Key.Namespace,
            name = o.Key.Name,
            state = o.State.ToString(),
            label = o.Label,
            reason = o.Reason,
            messages = o.Messages,
            appliedOn = o.AppliedOn,
            gateways = o.Gateways,
        }),
    };

    private static object States(StatusCounts c) => new
    {
        total = c.Total,
        failed = c.Failed,
        failedToTranslate = c.FailedToTranslate,
        rejectedByKong = c.RejectedByKong,
        pending = c.Pending,
        applied = c.Applied,
        notForThisController = c.NotForThisController,
    };

    public static object Gateways(ControllerState s) => new
    {
        enabled = s.Sync.Enabled,
        disabledReason = s.Sync.DisabledReason,
        desiredSha = s.Sync.Desired?.Sha,
        lastGoodSha = s.Sync.LastGood?.Sha,
        fallbackTriggered = s.Sync.Fallback?.Triggered ?? false,
        // Which replica pushed what the followers show (null on the leader itself, or before the leader published).
        leader = s.Sync.Leader?.Leader,
        gateways = s.Sync.Gateways.Select(g => new
        {
            id = g.Id,
            adminUrl = g.AdminUrl.ToString(),
            pod = g.Pod?.ToString(),
            node = g.Node,
            reachable = g.Reachable,
            kongVersion = g.KongVersion,
            configurationHash = g.ConfigurationHash,
            state = g.State.ToString(),
            appliedSha = g.AppliedSha,
            // The summary, not Kong's raw error body: that can echo entity fields.
            lastPush = g.LastPush is { } p ? new { at = p.At, durationMs = p.Duration.TotalMilliseconds, sha = p.Sha, kind = p.Kind.ToString(), success = p.Success, statusCode = p.StatusCode, summary = p.Summary, bytes = p.Bytes, pushedBy = p.PushedBy, errors = p.Rejections.Select(r => r.Message) } : null,
            connectionsActive = g.ConnectionsActive,
            totalRequests = g.TotalRequests,
            lastSeenAt = g.LastSeenAt,
        }),
    };

    public static object Leadership(ControllerState s) => new
    {
        enabled = s.Leadership.Enabled,
        disabledReason = s.Leadership.DisabledReason,
        identity = s.Leadership.Identity,
        lease = s.Leadership.LeaseName,
        isLeader = s.Leadership.IsLeader,
        holder = s.Leadership.Holder,
        term = s.Leadership.Term?.ToString(),
        expiresAt = s.Leadership.Lease?.ExpiresAt,
        candidates = s.Leadership.Candidates.Select(c => new { identity = c.Identity, pod = c.Pod, node = c.Node, ready = c.Ready, lastSeen = c.LastSeen, isLeader = c.IsLeader }),
        timeline = s.Leadership.Timeline.Select(e => new { at = e.At, kind = e.Kind.ToString(), holder = e.Holder, term = e.Term?.ToString(), message = e.Message, durationMs = e.Duration?.TotalMilliseconds }),
    };

    public static object Autoscaling(ControllerState s) => new
    {
        selection = s.Autoscaling.Selection,
        at = s.Autoscaling.At,
        podMetrics = new { available = s.PodMetrics.Available, reason = s.PodMetrics.Reason },
        hpas = s.Autoscaling.Hpas.Select(h => new
        {
            @namespace = h.Key.Namespace,
            name = h.Key.Name,
            target = $"{h.TargetKind}/{h.TargetName}",
            minReplicas = h.MinReplicas,
            maxReplicas = h.MaxReplicas,
            currentReplicas = h.CurrentReplicas,
            desiredReplicas = h.DesiredReplicas,
            lastScaleTime = h.LastScaleTime,
            metrics = h.Metrics.Select(m => new { key = m.Key, type = m.Type, name = m.Name, targetType = m.TargetType, target = m.Target, current = m.Current }),
            conditions = h.Conditions.Select(c => new { type = c.Type, status = c.Status, reason = c.Reason, message = c.Message, since = c.Since }),
        }),
    };
}
