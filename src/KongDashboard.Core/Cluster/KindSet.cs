using System.Collections;
using System.Collections.Immutable;
using k8s;
using k8s.Models;

namespace KongDashboard.Core.Cluster;

/// <summary>
/// The objects of one kind in a snapshot. Immutable: a change produces a new set, and objects inside a set are
/// never mutated (a change replaces the object), so consumers may cache work by object reference.
/// </summary>
public sealed class KindSet<T> : IReadOnlyCollection<T> where T : class, IKubernetesObject<V1ObjectMeta>
{
    public static readonly KindSet<T> Empty = new(ImmutableDictionary<ObjectKey, T>.Empty, ChangeLog.Root());

    private readonly ImmutableDictionary<ObjectKey, T> _items;
    private readonly ChangeLog _log;

    private KindSet(ImmutableDictionary<ObjectKey, T> items, ChangeLog log)
    {
        _items = items;
        _log = log;
    }

    public int Count => _items.Count;

    public IEnumerable<ObjectKey> Keys => _items.Keys;

    public T? Get(string @namespace, string name) => _items.GetValueOrDefault(new ObjectKey(@namespace, name));

    public T? Get(ObjectKey key) => _items.GetValueOrDefault(key);

    public bool Contains(ObjectKey key) => _items.ContainsKey(key);

    public KindSet<T> Set(T item)
    {
        var key = ObjectKey.Of(item.Metadata);
        return new(_items.SetItem(key, item), _log.Then(key));
    }

    public KindSet<T> Remove(ObjectKey key) => _items.ContainsKey(key) ? new(_items.Remove(key), _log.Then(key)) : this;

    public KindSet<T> SetAll(IEnumerable<T> items) =>
        new(ImmutableDictionary.CreateRange(items.Select(i => KeyValuePair.Create(ObjectKey.Of(i.Metadata), i))), ChangeLog.Root());

    /// <summary>
    /// The keys whose object may differ between <paramref name="other"/> and this set (either may be the older), or
    /// null when they are not related by a short chain of <see cref="Set"/>/<see cref="Remove"/> calls (then compare
    /// the sets whole). Costs O(edits between them), so consumers can update derived state in proportion to a change.
    /// </summary>
    public IReadOnlySet<ObjectKey>? ChangedKeysSince(KindSet<T> other) => ChangeLog.Between(_log, other._log);

    public static KindSet<T> From(IEnumerable<T> items) => Empty.SetAll(items);

    /// <summary>A struct enumerator: translation walks sets of thousands of objects, and <c>Values</c> is an iterator.</summary>
    public Enumerator GetEnumerator() => new(_items.GetEnumerator());

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public struct Enumerator(ImmutableDictionary<ObjectKey, T>.Enumerator inner) : IEnumerator<T>
    {
        private ImmutableDictionary<ObjectKey, T>.Enumerator _inner = inner;

        public readonly T Current => _inner.Current.Value;

        readonly object IEnumerator.Current => Current;

        public bool MoveNext() => _inner.MoveNext();

        public void Reset() => _inner.Reset();

        public void Dispose() => _inner.Dispose();
    }
}
