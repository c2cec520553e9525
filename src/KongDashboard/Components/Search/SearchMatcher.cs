namespace KongDashboard.Components.Search;

/// <summary>
/// The search's matching and ranking, a pure function of the index and the query: an exact match ranks above a
/// prefix match, which ranks above a substring match (case-insensitive); ties go to the shorter, then the
/// alphabetically first title. Each group keeps its best <c>perGroup</c> entries.
/// </summary>
public static class SearchMatcher
{
    public const int DefaultPerGroup = 5;

    /// <summary>How well <paramref name="key"/> (lower-cased) matches <paramref name="query"/> (lower-cased):
    /// 0 exact, 1 prefix, 2 substring; null for no match.</summary>
    public static int? Rank(string query, string key)
    {
        if (key.Length < query.Length)
        {
            return null;
        }

        if (key.StartsWith(query, StringComparison.Ordinal))
        {
            return key.Length == query.Length ? 0 : 1;
        }

        return key.Contains(query, StringComparison.Ordinal) ? 2 : null;
    }

    /// <summary>The best rank of any of the entry's keys; null when none matches.</summary>
    public static int? Rank(string query, SearchEntry entry)
    {
        int? best = null;
        foreach (var key in entry.Keys)
        {
            if (Rank(query, key) is { } rank && (best is null || rank < best))
            {
                best = rank;
                if (rank == 0)
                {
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>
    /// The matches grouped by kind, groups in <see cref="SearchGroup"/> order, empty groups left out. An empty query
    /// lists the pages only (a jump list), not every object.
    /// </summary>
    public static IReadOnlyList<SearchGroupResult> Search(SearchIndex index, string? query, int perGroup = DefaultPerGroup)
    {
        var q = (query ?? "").Trim().ToLowerInvariant();
        if (q.Length == 0)
        {
            var pages = index.Entries.Where(e => e.Group == SearchGroup.Pages).ToList();
            return pages.Count == 0 ? [] : [new SearchGroupResult(SearchGroup.Pages, pages, pages.Count)];
        }

        var matches = new Dictionary<SearchGroup, List<(SearchEntry Entry, int Rank)>>();
        foreach (var entry in index.Entries)
        {
            if (Rank(q, entry) is { } rank)
            {
                if (!matches.TryGetValue(entry.Group, out var list))
                {
                    matches[entry.Group] = list = [];
                }

                list.Add((entry, rank));
            }
        }

        return
        [
            .. matches.OrderBy(g => g.Key).Select(g => new SearchGroupResult(
                g.Key,
                [.. g.Value.OrderBy(m => m.Rank).ThenBy(m => m.Entry.Title.Length).ThenBy(m => m.Entry.Title, StringComparer.Ordinal)
                    .Take(perGroup).Select(m => m.Entry)],
                g.Value.Count)),
        ];
    }
}
