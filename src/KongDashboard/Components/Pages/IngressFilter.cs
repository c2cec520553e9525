using KongDashboard.Core.Controller;
using KongDashboard.Core.Status;

namespace KongDashboard.Components.Pages;

/// <summary>
/// The Translation page's filters, as they appear in the query string (kind: one of
/// <see cref="TranslatedObjects.RouteKinds"/>). The status filter is one of the
/// <see cref="ObjectState"/> names, or <c>Failed</c>: failed to translate or rejected by Kong (what every "failed"
/// count counts).
/// </summary>
public sealed record IngressFilter(string? Text, string? Namespace, string? Status, string? Kind = null)
{
    public const string Failed = "Failed";

    /// <summary>The status filter values, in menu order.</summary>
    public static readonly IReadOnlyList<string> StatusValues = [Failed, .. Enum.GetNames<ObjectState>()];

    public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && string.IsNullOrEmpty(Namespace) && string.IsNullOrEmpty(Status) && string.IsNullOrEmpty(Kind);

    public bool Matches(TranslationRow row, ObjectStatus? status)
    {
        if (!string.IsNullOrEmpty(Kind) && !string.Equals(row.Kind, Kind, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (!string.IsNullOrEmpty(Namespace) && !string.Equals(row.Key.Namespace, Namespace, StringComparison.Ordinal))
        {
            return false;
        }

        if (!MatchesStatus(status))
        {
            return false;
        }

        return string.IsNullOrWhiteSpace(Text) || Searchable(row).Any(Contains);
    }

    public bool Matches(FailureRow failure) =>
        string.IsNullOrWhiteSpace(Text)
        || Contains(failure.Message)
        || failure.CausingObjects.Any(o => Contains(o.ToString()));

    private bool MatchesStatus(ObjectStatus? status) => Status switch
    {
        null or "" => true,
        _ when string.Equals(Status, Failed, StringComparison.OrdinalIgnoreCase) => status?.IsProblem == true,
        _ => Enum.TryParse<ObjectState>(Status, ignoreCase: true, out var wanted) && status?.State == wanted,
    };

    private bool Contains(string? value) =>
        value is not null && value.Contains(Text!.Trim(), StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string?> Searchable(TranslationRow row)
    {
        yield return row.Key.ToString();
        yield return row.Kind;
        yield return row.Class;
        foreach (var value in row.Hosts.Concat(row.Paths).Concat(row.Backends).Concat(row.Routes).Concat(row.Messages))
        {
            yield return value;
        }
    }
}
