using KongDashboard.Components.Controls;
using KongDashboard.Core.Views;
using Microsoft.AspNetCore.Components;

namespace KongDashboard.Components.Pages.Kong;

/// <summary>
/// Base of the Kong entity pages: the entity views of the current translation, and the filter kept in the URL
/// (<c>?q=</c> text, <c>?source=Kind/ns/name</c> one Kubernetes object) and the grid's sort (<c>?sort=&amp;dir=</c>) so every filtered view is a deep link.
/// </summary>
public abstract class KongEntityPageBase : GridPageBase
{
    private string? _writtenQuery;

    [SupplyParameterFromQuery(Name = "q")]
    public string? TextQuery { get; set; }

    [SupplyParameterFromQuery(Name = "source")]
    public string? SourceQuery { get; set; }

    /// <summary>Shared by every open page: built once per translated configuration (redacted).</summary>
    protected KongEntityViews Views => KongEntityViews.For(State.Translation.Config);

    protected string? Text { get; private set; }

    internal EntityFilter Filter => new(Text, SourceKey.Parse(SourceQuery));

    protected override void OnParametersSet()
    {
        base.OnParametersSet();
        // Adopt the URL's text unless it is the value this page wrote itself (typing must not be overwritten).
        if (TextQuery != _writtenQuery)
        {
            Text = TextQuery;
            _writtenQuery = TextQuery;
        }
    }

    protected void OnTextChanged(string? value)
    {
        Text = string.IsNullOrEmpty(value) ? null : value;
        _writtenQuery = Text;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("q", Text), replace: true);
    }

    protected void ClearSource() => Navigation.NavigateTo(Navigation.GetUriWithQueryParameter("source", (string?)null), replace: true);
}
