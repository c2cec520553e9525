using System.Runtime.InteropServices;

namespace KongDashboard.Core.Translation.Incremental;

/// <summary>
/// Lists kept in deckgen's output order (descending ordinal name) so a change is a binary-search insert or
/// remove instead of a re-sort of every service and upstream.
/// </summary>
internal static class SortedByName
{
    public static void Insert<T>(List<T> list, T item, Func<T, string?> name)
    {
        var at = LowerBound(list, name(item), name);
        list.Insert(at, item);
    }

    public static void Remove<T>(List<T> list, T item, Func<T, string?> name) where T : class
    {
        for (var i = LowerBound(list, name(item), name); i < list.Count; i++)
        {
            if (ReferenceEquals(list[i], item))
            {
                list.RemoveAt(i);
                return;
            }
            if (string.CompareOrdinal(name(list[i]), name(item)) != 0)
            {
                break;
            }
        }
        throw new InvalidOperationException("entity missing from its sorted list");
    }

    /// <summary>Index of the first element not greater (in descending order) than <paramref name="key"/>.</summary>
    private static int LowerBound<T>(List<T> list, string? key, Func<T, string?> name)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (string.CompareOrdinal(name(list[mid]), key) > 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    /// <summary>Index at which <paramref name="item"/> goes in a list ordered by <paramref name="compare"/>.</summary>
    public static int InsertionPoint<T>(List<T> list, T item, Comparison<T> compare)
    {
        int lo = 0, hi = list.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (compare(list[mid], item) < 0)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }

    private sealed class DescendingOrdinal : IComparer<string?>
    {
        public static readonly DescendingOrdinal Instance = new();

        public int Compare(string? x, string? y) => string.CompareOrdinal(y, x);
    }

    /// <summary>
    /// A sorted list plus the removals and additions of one refresh: a few are applied by binary search, many (a cold
    /// start or a relist) by one sort, since thousands of mid-list inserts would move the list thousands of times.
    /// </summary>
    public sealed class Pending<T>(Func<T, string?> name) where T : class
    {
        private const int MaxPointEdits = 64;

        private readonly List<T> _removed = [];
        private readonly List<T> _added = [];

        public List<T> Items { get; } = [];

        public void Remove(T item) => _removed.Add(item);

        public void Add(T item) => _added.Add(item);

        public void Apply()
        {
            if (_removed.Count + _added.Count <= MaxPointEdits)
            {
                foreach (var item in _removed)
                {
                    SortedByName.Remove(Items, item, name);
                }

                foreach (var item in _added)
                {
                    Insert(Items, item, name);
                }
            }
            else
            {
                if (_removed.Count > 0)
                {
                    var removed = new HashSet<T>(_removed, ReferenceEqualityComparer.Instance);
                    Items.RemoveAll(removed.Contains);
                }
                Items.AddRange(_added);
                // Sorted by extracted names: a comparison delegate would call name() twice per comparison.
                var items = CollectionsMarshal.AsSpan(Items);
                var names = new string?[items.Length];
                for (var i = 0; i < items.Length; i++)
                {
                    names[i] = name(items[i]);
                }

                names.AsSpan().Sort(items, DescendingOrdinal.Instance);
            }
            _removed.Clear();
            _added.Clear();
        }
    }
}
