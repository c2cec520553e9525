using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KongDashboard.Components.Controls;

/// <summary>
/// Base of a live page built around one grid whose sort lives in the URL (<c>?sort=&amp;dir=</c>, see
/// <see cref="GridSortUrl"/>). The page gives its grid <c>@key="Sort.Generation"</c>, each sortable column
/// <c>InitialDirection="@Sort.Initial(title)"</c>, and <c>SortChanged="() =&gt; OnGridSortChanged(grid)"</c>.
/// </summary>
public abstract class GridPageBase : LiveStateComponentBase
{
    private GridSortUrl? _sort;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = GridSortUrl.SortKey)]
    public string? SortQuery { get; set; }

    [SupplyParameterFromQuery(Name = GridSortUrl.DirectionKey)]
    public string? SortDirectionQuery { get; set; }

    /// <summary>The title of the column the grid sorts by when the URL names none (or <see cref="GridSortUrl.Unsorted"/>).</summary>
    protected abstract string DefaultSortColumn { get; }

    protected virtual SortDirection DefaultSortDirection => SortDirection.Ascending;

    protected GridSortUrl Sort => _sort ??= new GridSortUrl(DefaultSortColumn, DefaultSortDirection);

    protected override void OnParametersSet() => Sort.Adopt(SortQuery, SortDirectionQuery);

    protected override void OnAfterRender(bool firstRender)
    {
        if (!Sort.TakeRender(out var unknown))
        {
            return;
        }

        if (unknown)
        {
            // The link named a column this grid does not have: show the default, and say so in the URL.
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(GridSortUrl.Removed), replace: true);
        }

        StateHasChanged();
    }

    /// <summary>Writes a header click's sort into the URL (replace-navigation; the default sort is left out).</summary>
    protected void OnGridSortChanged<T>(MudDataGrid<T>? grid)
    {
        if (grid is null)
        {
            return;
        }

        var definition = grid.SortDefinitions.Values.OrderBy(d => d.Index).FirstOrDefault();
        var column = definition is null ? null : grid.RenderedColumns.FirstOrDefault(c => c.PropertyName == definition.SortBy);
        if (definition is not null && column?.Title is null)
        {
            return;
        }

        if (Sort.Changed(column?.Title, definition?.Descending == true) is { } query)
        {
            Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(query), replace: true);
        }
    }
}
