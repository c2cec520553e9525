using KongDashboard.Core.Controller;

namespace KongDashboard.Components.Pages;

/// <summary>The Translation page's filters, as they appear in the query string.</summary>
public sealed record IngressFilter(string? Text, string? Namespace, IngressStatus? Status)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Text) && string.IsNullOrEmpty(Namespace) && Status is null;

    public bool Matches(IngressRow row)
    {
        if (!string.IsNullOrEmpty(Namespace) && !string.Equals(row.Key.Namespace, Namespace, StringComparison.Ordinal))
        {
            return false;
        }

        if (Status is { } status && row.Status != status)
        {
            return false;
        }

        return string.IsNullOrWhiteSpace(Text) || Searchable(row).Any(Contains);
    }

    public bool Matches(FailureRow failure) =>
        string.IsNullOrWhiteSpace(Text)
        || Contains(failure.Message)
        || failure.CausingObjects.Any(o => Contains(o.ToString()));

    private bool Contains(string? value) =>
        value is not null && value.Contains(Text!.Trim(), StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string?> Searchable(IngressRow row)
    {
        yield return row.Key.ToString();
        yield return row.IngressClass;
        foreach (var value in row.Hosts.Concat(row.Paths).Concat(row.Backends).Concat(row.Routes).Concat(row.Messages))
        {
            yield return value;
        }
    }
}
