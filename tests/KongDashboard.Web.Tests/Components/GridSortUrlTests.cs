using KongDashboard.Components.Controls;
using MudBlazor;

namespace KongDashboard.Web.Tests.Components;

/// <summary>Issue 19: what a grid's sort reads from and writes to the URL (the browser half is SortInUrlBrowserTests).</summary>
public sealed class GridSortUrlTests
{
    [Theory]
    [InlineData("Name", "name")]
    [InlineData("CPU / mem", "cpu-mem")]
    [InlineData("Targets (weight)", "targets-weight")]
    [InlineData(" Paths / expression ", "paths-expression")]
    public void A_column_is_named_in_the_url_by_its_title_as_a_slug(string title, string slug) =>
        Assert.Equal(slug, GridSortUrl.Slug(title));

    [Fact]
    public void Without_a_sort_in_the_url_the_default_column_starts_sorted_and_no_other()
    {
        var sort = new GridSortUrl("Name");
        sort.Adopt(null, null);

        Assert.Equal(SortDirection.Ascending, sort.Initial("Name"));
        Assert.Equal(SortDirection.None, sort.Initial("Kind"));
        Assert.Equal(new GridSort("name", SortDirection.Ascending), sort.Current);
    }

    [Fact]
    public void A_sort_in_the_url_moves_the_initial_direction_to_its_column()
    {
        var sort = new GridSortUrl("Name");
        sort.Adopt("cpu-mem", "desc");

        Assert.Equal(SortDirection.None, sort.Initial("Name"));
        Assert.Equal(SortDirection.Descending, sort.Initial("CPU / mem"));
    }

    [Fact]
    public void A_click_writes_its_column_and_only_a_descending_direction_and_the_default_sort_clears_both()
    {
        var sort = new GridSortUrl("Name");
        sort.Adopt(null, null);
        Assert.True(sort.TakeRender(out _));

        var toKind = sort.Changed("Kind", descending: false);
        Assert.NotNull(toKind);
        Assert.Equal("kind", toKind[GridSortUrl.SortKey]);
        Assert.Null(toKind[GridSortUrl.DirectionKey]);

        var descending = sort.Changed("Kind", descending: true);
        Assert.NotNull(descending);
        Assert.Equal("desc", descending[GridSortUrl.DirectionKey]);

        var back = sort.Changed("Name", descending: false);
        Assert.NotNull(back);
        Assert.Null(back[GridSortUrl.SortKey]);
        Assert.Null(back[GridSortUrl.DirectionKey]);
    }

    [Fact]
    public void The_pages_own_write_coming_back_as_a_url_update_neither_rewrites_nor_recreates_the_grid()
    {
        var sort = new GridSortUrl("Name");
        sort.Adopt(null, null);
        sort.TakeRender(out _);
        Assert.NotNull(sort.Changed("Kind", descending: true));
        Assert.Null(sort.Changed("Kind", descending: true)); // the same sort again: nothing to write

        sort.Adopt("kind", "desc"); // the echo of that write
        Assert.Equal(0, sort.Generation);
        Assert.False(sort.TakeRender(out _));
        // The grid keeps the initial directions it was created with: a click never re-creates it.
        Assert.Equal(SortDirection.Ascending, sort.Initial("Name"));
    }

    [Fact]
    public void A_sort_that_changes_from_outside_recreates_the_grid_and_renders_it_once_more()
    {
        var sort = new GridSortUrl("Name");
        sort.Adopt(null, null);
        sort.TakeRender(out _);

        sort.Adopt("hosts", null);
        Assert.Equal(1, sort.Generation);
        Assert.Equal(SortDirection.Ascending, sort.Initial("Hosts"));
        Assert.Equal(SortDirection.None, sort.Initial("Name"));
        // While the new grid is created it reports its initial sort: that is not a click to write.
        Assert.Null(sort.Changed("Name", descending: false));
        Assert.True(sort.TakeRender(out var unknown));
        Assert.False(unknown);
        Assert.False(sort.TakeRender(out _));
    }

    [Fact]
    public void A_link_naming_a_column_the_grid_does_not_have_falls_back_to_the_default()
    {
        var sort = new GridSortUrl("Name");
        sort.Adopt("no-such-column", "desc");
        Assert.Equal(SortDirection.None, sort.Initial("Name"));
        Assert.Equal(SortDirection.None, sort.Initial("Kind"));

        Assert.True(sort.TakeRender(out var unknown));
        Assert.True(unknown);
        Assert.Equal(1, sort.Generation);
        Assert.Equal(SortDirection.Ascending, sort.Initial("Name"));
        Assert.True(sort.TakeRender(out unknown)); // the re-created grid renders once more, and is known
        Assert.False(unknown);
    }

    [Fact]
    public void An_unsorted_grid_is_written_as_none_and_read_back_with_no_column_sorted()
    {
        var sort = new GridSortUrl("Name");
        sort.Adopt(null, null);
        sort.TakeRender(out _);
        var query = sort.Changed(null, descending: false);
        Assert.NotNull(query);
        Assert.Equal(GridSortUrl.Unsorted, query[GridSortUrl.SortKey]);

        var reloaded = new GridSortUrl("Name");
        reloaded.Adopt(GridSortUrl.Unsorted, null);
        Assert.Equal(SortDirection.None, reloaded.Initial("Name"));
        Assert.True(reloaded.TakeRender(out var unknown));
        Assert.False(unknown);
    }
}
