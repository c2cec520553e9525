using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.JSInterop;
using MudBlazor;

namespace KongDashboard.Components.Search;

/// <summary>
/// The global search dialog: results grouped by kind, the active one moved by the arrow keys (focus stays in the
/// text box; the listbox's active option is its <c>aria-activedescendant</c>), Enter opens its deep link, Escape
/// closes. Each query runs over <see cref="SearchIndex.For"/> of the newest published state.
/// </summary>
public partial class GlobalSearch : IAsyncDisposable
{
    private static readonly DialogOptions Options = new()
    {
        CloseOnEscapeKey = true,
        CloseButton = false,
        MaxWidth = MaxWidth.Small,
        FullWidth = true,
        Position = DialogPosition.TopCenter,
        // The script puts focus in the search box (focusSearchBox), once it exists.
        DefaultFocus = DefaultFocus.None,
    };

    private DotNetObjectReference<GlobalSearch>? _self;
    private IReadOnlyList<SearchGroupResult> _results = [];
    private string? _query;
    private bool _open;
    private int _opened;
    private bool _focusPending;
    private int _active;

    private int Count => _results.Sum(g => g.Entries.Count);

    private Dictionary<string, object> InputAttributes => new()
    {
        ["data-testid"] = "global-search-input",
        ["role"] = "combobox",
        ["aria-expanded"] = "true",
        ["aria-controls"] = "kd-search-results",
        ["aria-autocomplete"] = "list",
        ["aria-activedescendant"] = Count > 0 ? OptionId(_active) : "",
    };

    private static string OptionId(int position) => $"kd-search-option-{position}";

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            _self = DotNetObjectReference.Create(this);
            await JS.InvokeVoidAsync("kdKeyboard.registerSearch", _self);
        }

        // The dialog's content renders in the provider, after this component: the script waits for the box to appear.
        if (_focusPending)
        {
            _focusPending = false;
            await JS.InvokeVoidAsync("kdKeyboard.focusSearchBox");
        }
    }

    /// <summary>Ctrl-K / Cmd-K (keyboard.js).</summary>
    [JSInvokable]
    public void OpenSearch()
    {
        Open();
        StateHasChanged();
    }

    private void Open()
    {
        _query = null;
        _opened++;
        _active = 0;
        _results = SearchMatcher.Search(SearchIndex.For(Feed.Current), null);
        _open = true;
        _focusPending = true;
    }

    private void OnVisibleChanged(bool visible) => _open = visible;

    private void OnInput(ChangeEventArgs args)
    {
        var value = args.Value as string;
        _query = value;
        _active = 0;
        _results = SearchMatcher.Search(SearchIndex.For(Feed.Current), value);
    }

    private async Task OnKeyDown(KeyboardEventArgs args)
    {
        var count = Count;
        switch (args.Key)
        {
            case "ArrowDown" when count > 0:
                _active = (_active + 1) % count;
                break;
            case "ArrowUp" when count > 0:
                _active = (_active - 1 + count) % count;
                break;
            case "Home" when count > 0 && args.CtrlKey:
                _active = 0;
                break;
            case "End" when count > 0 && args.CtrlKey:
                _active = count - 1;
                break;
            case "Enter" when count > 0:
                await GoAsync(_results.SelectMany(g => g.Entries).ElementAt(Math.Min(_active, count - 1)));
                break;
        }
    }

    private Task GoAsync(SearchEntry entry)
    {
        _open = false;
        Navigation.NavigateTo(entry.Href);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_self is not null)
        {
            try
            {
                await JS.InvokeVoidAsync("kdKeyboard.unregisterSearch");
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the page with it.
            }

            _self.Dispose();
        }

        GC.SuppressFinalize(this);
    }
}
