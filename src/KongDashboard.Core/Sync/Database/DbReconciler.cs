using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text.Json.Nodes;
using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Sync.Database;

/// <summary>
/// Applies a desired state to Kong's database the way go-database-reconciler does (pkg/diff/diff.go): creates and
/// updates type by type in dependency order, then deletes in reverse order, up to <c>concurrency</c> calls at a time
/// within a type (Run, :473-500), every write a PUT or DELETE by id (go-kong), stopping after the first type with a
/// failed write (Run closes its stop channel on the first error). Two ways to find the work:
/// <list type="bullet">
/// <item>full: dump what Kong holds under the select tag and diff (pkg/dump, pkg/diff); this also finds entities
/// changed or removed by hand (drift) and corrects them;</item>
/// <item>incremental: diff the new desired state with the one last applied, so one changed Ingress costs the writes of
/// its own entities and no reads.</item>
/// </list>
/// Not thread-safe: one sync at a time (the <see cref="DatabaseSync"/> loop).
/// </summary>
public sealed class DbReconciler(int concurrency, TimeProvider time)
{
    private readonly IdBook _ids = new();

    // What Kong holds, as far as this replica knows: the entities it last wrote (or found equal) and Kong's answer.
    private readonly Dictionary<(string, string), Applied> _applied = [];

    public bool HasApplied => _applied.Count > 0;

    public async Task<DbSyncReport> SyncAsync(ConfigPayload payload, bool full, KongEntityClient client, string gateway, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        IReadOnlyDictionary<(string, string), JsonObject>? current = null;
        if (full)
        {
            try
            {
                current = await DumpAsync(client, ct).ConfigureAwait(false);
            }
            catch (Exception error) when (error is HttpRequestException or TaskCanceledException)
            {
                return new DbSyncReport(time.GetUtcNow(), time.GetElapsedTime(started), payload.Sha, true, gateway, 0, [],
                    $"failed getting current state for {gateway}: {SecretRedactor.Scrub(error.Message)}");
            }
        }

        var desired = DesiredState.From(payload.Body, _ids);
        var operations = current is null ? Incremental(desired) : Full(desired, current);
        var changes = new ConcurrentBag<DbEntityChange>();
        var failed = false;
        foreach (var type in DbEntityType.Order)
        {
            await RunAsync(operations.Where(o => o.Entity.Type == type && o.Change != DbChangeKind.Deleted), client, changes, ct).ConfigureAwait(false);
            if (failed = changes.Any(c => c.Error is not null))
            {
                break;
            }
        }

        if (!failed)
        {
            foreach (var type in DbEntityType.Order.Reverse())
            {
                await RunAsync(operations.Where(o => o.Entity.Type == type && o.Change == DbChangeKind.Deleted), client, changes, ct).ConfigureAwait(false);
                if (changes.Any(c => c.Error is not null))
                {
                    break;
                }
            }
        }

        var ordered = changes.OrderBy(c => Order(c.EntityKind)).ThenBy(c => c.EntityName, StringComparer.Ordinal).ToImmutableArray();
        return new DbSyncReport(time.GetUtcNow(), time.GetElapsedTime(started), payload.Sha, full, gateway, client.Writes, ordered, null);
    }

    /// <summary>Forget what Kong is believed to hold (another replica may have written since): the next sync must be full.</summary>
    public void Forget() => _applied.Clear();

    private static int Order(string kind) => DbEntityType.Order.ToList().FindIndex(t => t.Kind == kind);

    private List<Operation> Incremental(IReadOnlyDictionary<(string, string), DbEntity> desired)
    {
        var operations = new List<Operation>();
        foreach (var (key, entity) in desired)
        {
            if (!_applied.TryGetValue(key, out var applied))
            {
                operations.Add(new(DbChangeKind.Created, entity, false));
            }
            else if (applied.Target != entity.Canonical)
            {
                operations.Add(new(DbChangeKind.Updated, entity, false));
            }
        }

        operations.AddRange(_applied.Where(a => !desired.ContainsKey(a.Key)).Select(a => new Operation(DbChangeKind.Deleted, a.Value.Entity, false)));
        return operations;
    }

    /// <summary>
    /// pkg/diff: found → compare, not found → create; every tagged entity not wanted → delete. An entity this replica
    /// wrote and still wants but that Kong now holds differently (or not at all) was changed by hand: drift.
    /// </summary>
    private List<Operation> Full(IReadOnlyDictionary<(string, string), DbEntity> desired, IReadOnlyDictionary<(string, string), JsonObject> current)
    {
        var operations = new List<Operation>();
        foreach (var (key, entity) in desired)
        {
            var known = _applied.TryGetValue(key, out var applied) && applied.Target == entity.Canonical ? applied : null;
            if (!current.TryGetValue(key, out var have))
            {
                operations.Add(new(DbChangeKind.Created, entity, known is not null));
                continue;
            }

            var differs = known?.Stored is { } stored ? Stored(entity.Type, have) != stored : !Satisfies(entity, have);
            if (differs)
            {
                operations.Add(new(DbChangeKind.Updated, entity, known is not null));
            }
            else
            {
                _applied[key] = known ?? new Applied(entity, entity.Canonical, Stored(entity.Type, have));
            }
        }

        foreach (var (key, have) in current)
        {
            if (!desired.ContainsKey(key))
            {
                var type = DbEntityType.Order.First(t => t.Kind == key.Item1);
                // an entity created by hand with our tag, or one we no longer want
                operations.Add(new(DbChangeKind.Deleted, new DbEntity(type, key.Item2, have), !_applied.ContainsKey(key)));
            }
        }

        return operations;
    }

    private static bool Satisfies(DbEntity entity, JsonObject have)
    {
        if (entity.Type == DbEntityType.BasicAuth)
        {
            // Kong stores a hash of the password; GDR ignores it in the comparison (pkg/types/basicauth.go)
            var wanted = (JsonObject)entity.Json.DeepClone();
            wanted.Remove("password");
            return new DbEntity(entity.Type, entity.Id, wanted).IsSatisfiedBy(have);
        }

        return entity.IsSatisfiedBy(have);
    }

    /// <summary>Kong's row as compared later: certificates without their SNI list (SNIs are entities of their own).</summary>
    private static string Stored(DbEntityType type, JsonObject row)
    {
        if (type != DbEntityType.Certificate)
        {
            return DbEntity.CanonicalText(row);
        }

        var copy = (JsonObject)row.DeepClone();
        copy.Remove("snis");
        return DbEntity.CanonicalText(copy);
    }

    private async Task RunAsync(IEnumerable<Operation> operations, KongEntityClient client, ConcurrentBag<DbEntityChange> changes, CancellationToken ct)
    {
        var results = new ConcurrentBag<(Operation Op, int Status, string Body)>();
        await Parallel.ForEachAsync(operations.ToList(), new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (op, token) =>
        {
            var path = op.Entity.Type.EntityPath(op.Entity.Json, op.Entity.Id);
            var (status, body) = op.Change == DbChangeKind.Deleted
                ? await client.DeleteAsync(path, token).ConfigureAwait(false)
                : await client.PutAsync(path, op.Entity.Json, token).ConfigureAwait(false);
            results.Add((op, status, body));
        }).ConfigureAwait(false);

        foreach (var (op, status, body) in results)
        {
            var key = op.Entity.Key;
            string? error = null;
            if (status is >= 200 and < 300)
            {
                if (op.Change == DbChangeKind.Deleted)
                {
                    _applied.Remove(key);
                }
                else
                {
                    var stored = JsonNode.Parse(body) as JsonObject;
                    _applied[key] = new Applied(op.Entity, op.Entity.Canonical, stored is null ? null : Stored(op.Entity.Type, stored));
                }
            }
            else
            {
                // go-kong's error text as KIC reports it: HTTP status <code> (message: "<Kong's message>")
                var message = (JsonNode.Parse(string.IsNullOrEmpty(body) ? "{}" : body) as JsonObject)?["message"]?.ToString() ?? body;
                error = SecretRedactor.Scrub($"invalid {op.Entity.Type.Kind}:{op.Entity.Name}: HTTP status {status} (message: \"{message}\")");
                _applied.Remove(key); // unknown now: a later full sync looks again
            }

            changes.Add(new DbEntityChange(op.Change, op.Entity.Type.Kind, op.Entity.Name, op.Entity.Id,
                KongConfigErrors.ObjectFromTags(op.Entity.Tags), op.Drift, error));
        }
    }

    /// <summary>pkg/dump/dump.go: every collection with the select tag, in parallel; targets per upstream.</summary>
    private async Task<IReadOnlyDictionary<(string, string), JsonObject>> DumpAsync(KongEntityClient client, CancellationToken ct)
    {
        var tag = DesiredState.SelectTag;
        var types = DbEntityType.Order.Where(t => t != DbEntityType.Target).ToList();
        var lists = await Task.WhenAll(types.Select(t => client.ListAsync(t.ListPath, tag, ct))).ConfigureAwait(false);
        var current = new Dictionary<(string, string), JsonObject>();
        for (var i = 0; i < types.Count; i++)
        {
            foreach (var row in lists[i])
            {
                Add(types[i], row);
            }
        }

        var upstreams = current.Where(c => c.Key.Item1 == DbEntityType.Upstream.Kind).Select(c => c.Key.Item2).ToList();
        var targets = await Task.WhenAll(upstreams.Select(u => client.ListAsync($"upstreams/{u}/targets", tag, ct))).ConfigureAwait(false);
        foreach (var row in targets.SelectMany(t => t))
        {
            Add(DbEntityType.Target, row);
        }

        return current;

        void Add(DbEntityType type, JsonObject row)
        {
            var id = row["id"]!.GetValue<string>();
            current[(type.Kind, id)] = row;
            _ids.Remember(type, row, id);
        }
    }

    private sealed record Operation(DbChangeKind Change, DbEntity Entity, bool Drift);

    /// <param name="Target">The canonical text of what was wanted.</param>
    /// <param name="Stored">The canonical text of what Kong answered it stored (null when unknown).</param>
    private sealed record Applied(DbEntity Entity, string Target, string? Stored);
}
