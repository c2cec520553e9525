using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Views;

/// <summary>
/// The filter of the Kong entity pages: free text (every word must appear in one of the row's fields or its source
/// object, case-insensitive) and, optionally, one source object (<c>?source=Kind/ns/name</c>: "what did this object make").
/// </summary>
public sealed record EntityFilter(string? Text, SourceKey? Source)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && Source is null;

    public bool Matches(IEnumerable<ObjectRef?> sources, params IEnumerable<string?> fields)
    {
        var sourceList = sources.OfType<ObjectRef>().ToList();
        if (Source is { } wanted && !sourceList.Any(s => SourceKey.Of(s) == wanted))
        {
            return false;
        }

        if (string.IsNullOrWhiteSpace(Text))
        {
            return true;
        }

        var haystack = fields.Concat(sourceList.Select(s => s.ToString())).OfType<string>().ToList();
        return Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
            .All(word => haystack.Any(f => f.Contains(word, StringComparison.OrdinalIgnoreCase)));
    }

    public bool Matches(ObjectRef? source, params IEnumerable<string?> fields) => Matches([source], fields);
}
