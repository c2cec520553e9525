using System.Text;
using MudBlazor;

namespace KongDashboard.Components.Controls;

/// <summary>
/// Keeps a page's main grid sort in its query string — <c>?sort=&lt;column&gt;&amp;dir=desc</c>, the column named by its
/// title's slug — so a link or a reload shows the rows in the same order, with the header's arrow on the same column.
/// </summary>
/// <remarks>
/// MudBlazor reads a column's <c>InitialDirection</c> once, when its header cell is created, and a grid sorts its rows
/// only from its next render. So the URL's sort reaches the grid as the columns' initial direction
/// (<see cref="Initial"/>); a sort that changes from outside (back, forward, a link to the same page) re-creates the
/// grid (<see cref="Generation"/> is its <c>@key</c>); and the page re-renders once after such a grid first rendered
/// (<see cref="TakeRender"/>). Clicks on a header are read back from the grid and written with replace-navigation;
/// the default sort is never written, so a page's plain URL stays plain.
/// </remarks>
public sealed class GridSortUrl(string defaultColumn, SortDirection defaultDirection = SortDirection.Ascending)
{
    public const string SortKey = "sort";
    public const string DirectionKey = "dir";

    /// <summary>The <c>sort</c> value for "no column sorted" (a third click on a header).</summary>
    public const string Unsorted = "none";

    private readonly GridSort _default = Slug(defaultColumn) == Unsorted
        ? new GridSort(Unsorted, SortDirection.None)
        : new GridSort(Slug(defaultColumn), defaultDirection);

    // The sort the current grid was created with (its columns' initial directions): changed only from outside, so a
    // click, which the grid already shows, never re-creates it.
    private GridSort _requested;

    // The sort the grid shows now, as far as this page knows: a URL update equal to it is this page's own write.
    private GridSort? _current;

    // Slugs of the sortable columns the grid rendered, learnt from Initial(): a link naming any other falls back.
    private readonly HashSet<string> _columns = new(StringComparer.Ordinal);

    private bool _renderPending;

    /// <summary>The grid's <c>@key</c>: bumped when the URL asks for a sort the grid does not show.</summary>
    public int Generation { get; private set; }

    /// <summary>The sort the grid shows, as written to (or read from) the URL.</summary>
    public GridSort Current => _current ?? _default;

    /// <summary>Adopts the URL's <c>sort</c> and <c>dir</c> (from the page's OnParametersSet).</summary>
    public void Adopt(string? sort, string? direction)
    {
        var incoming = Parse(sort, direction) ?? _default;
        if (_current == incoming)
        {
            return;
        }

        if (_current is not null)
        {
            Generation++;
        }

        _requested = incoming;
        _current = incoming;
        _renderPending = true;
    }

    /// <summary>A sortable column's <c>InitialDirection</c>: the URL's direction on its column, none elsewhere.</summary>
    public SortDirection Initial(string title)
    {
        var slug = Slug(title);
        _columns.Add(slug);
        var requested = _current is null ? _default : _requested;
        return requested.Column == slug ? requested.Direction : SortDirection.None;
    }

    /// <summary>
    /// After the page rendered: true when it must render once more, so a grid created in this render sorts its rows.
    /// A link naming an unknown column falls back to the default sort, and <paramref name="unknown"/> says so.
    /// </summary>
    public bool TakeRender(out bool unknown)
    {
        unknown = false;
        if (!_renderPending)
        {
            return false;
        }

        _renderPending = false;
        if (_columns.Count > 0 && _requested.Column != Unsorted && !_columns.Contains(_requested.Column))
        {
            unknown = true;
            _requested = _default;
            _current = _default;
            Generation++;
            _renderPending = true;
        }

        return true;
    }

    /// <summary>
    /// The grid's sort as the URL should say it, from its one sort definition and the column that owns it; null when
    /// it is the sort this page already knows (nothing to write).
    /// </summary>
    public IReadOnlyDictionary<string, object?>? Changed(string? sortedColumnTitle, bool descending)
    {
        if (_renderPending)
        {
            // A grid being created reports its initial sort (the requested one), and the page's reference may
            // still name the grid it replaces: nothing the user did.
            return null;
        }

        var shown = sortedColumnTitle is null
            ? new GridSort(Unsorted, SortDirection.None)
            : new GridSort(Slug(sortedColumnTitle), descending ? SortDirection.Descending : SortDirection.Ascending);
        if (shown == Current)
        {
            return null;
        }

        _current = shown;
        var isDefault = shown == _default;
        return new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [SortKey] = isDefault ? null : shown.Column,
            [DirectionKey] = isDefault || shown.Direction != SortDirection.Descending ? null : "desc",
        };
    }

    /// <summary>The query parameters that remove a sort the page could not apply.</summary>
    public static IReadOnlyDictionary<string, object?> Removed { get; } =
        new Dictionary<string, object?>(StringComparer.Ordinal) { [SortKey] = null, [DirectionKey] = null };

    /// <summary>A column title as a URL word: "CPU / mem" → "cpu-mem".</summary>
    public static string Slug(string title)
    {
        var slug = new StringBuilder(title.Length);
        foreach (var c in title.Trim())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        return slug.ToString().TrimEnd('-');
    }

    private static GridSort? Parse(string? sort, string? direction)
    {
        if (string.IsNullOrWhiteSpace(sort))
        {
            return null;
        }

        var column = Slug(sort);
        if (column == Unsorted)
        {
            return new GridSort(Unsorted, SortDirection.None);
        }

        return column.Length == 0
            ? null
            : new GridSort(column, string.Equals(direction, "desc", StringComparison.OrdinalIgnoreCase) ? SortDirection.Descending : SortDirection.Ascending);
    }
}

/// <summary>One column's sort: its slug and direction.</summary>
public readonly record struct GridSort(string Column, SortDirection Direction);
