namespace KongDashboard.EmbeddedCluster.KongGateway.Database;

/// <summary>
/// The <c>tags</c> query of a collection page: <c>a,b</c> every tag (AND), <c>a/b</c> any tag (OR), one tag alone
/// (kong/api/endpoints.lua:158-184 extract_options with TAGS_AND_REGEX/TAGS_OR_REGEX at :42-51; the limits are
/// kong/db/dao/init.lua:205-218 validate_options_value: "invalid filter syntax", "cannot query more than 5 tags").
/// </summary>
internal sealed record TagFilter(IReadOnlyList<string> Tags, bool All)
{
    private const int MaxTags = 5;

    /// <summary>The filter, or the invalid-options reply Kong gives for it.</summary>
    public static (TagFilter? Filter, AdminReply? Error) Parse(string? raw)
    {
        if (raw is null)
        {
            return (null, null);
        }

        if (raw.Length == 0)
        {
            return (null, DaoErrors.InvalidOption("tags", "cannot be null"));
        }

        var and = raw.Contains(',', StringComparison.Ordinal);
        var or = raw.Contains('/', StringComparison.Ordinal);
        var tags = raw.Split(and ? ',' : '/', StringSplitOptions.None).ToList();
        if (and && or || tags.Any(t => t.Length == 0 && t != tags[^1]) || tags.Any(t => !t.All(ValidTagChar)))
        {
            return (null, DaoErrors.InvalidOption("tags", "invalid filter syntax"));
        }

        // TAGS_AND_REGEX accepts a trailing comma ("a,"): the split leaves an empty last item that matches nothing.
        tags.RemoveAll(t => t.Length == 0);
        if (tags.Count == 0)
        {
            return (null, DaoErrors.InvalidOption("tags", "invalid filter syntax"));
        }

        if (tags.Count > MaxTags)
        {
            return (null, DaoErrors.InvalidOption("tags", $"cannot query more than {MaxTags} tags"));
        }

        return (new TagFilter(tags, !or), null);
    }

    // endpoints.lua:44-48: printable ASCII except ',' and '/', or any UTF-8 beyond ASCII
    private static bool ValidTagChar(char c) => c > 0x7e || (c >= 0x21 && c != ',' && c != '/');

    public bool Matches(System.Text.Json.Nodes.JsonObject entity)
    {
        var have = (entity["tags"] as System.Text.Json.Nodes.JsonArray)?.Select(t => t?.ToString()).ToHashSet(StringComparer.Ordinal) ?? [];
        return All ? Tags.All(have.Contains) : Tags.Any(have.Contains);
    }
}
