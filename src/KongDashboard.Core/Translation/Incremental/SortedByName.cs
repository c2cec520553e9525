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
            if (string.CompareOrdinal(name(list[i]), name(item)) != 0) break;
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
            if (string.CompareOrdinal(name(list[mid]), key) > 0) lo = mid + 1;
            else hi = mid;
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
            if (compare(list[mid], item) < 0) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
