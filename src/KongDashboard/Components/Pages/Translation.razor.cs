using KongDashboard.Components.Controls;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Status;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace KongDashboard.Components.Pages;

/// <summary>
/// Live table of the objects that route traffic (Ingresses, Gateway API routes, TCPIngress/UDPIngress) and how they
/// translated. Filters, the open tab and the selected object live in the
/// query string (replace-navigation), so a deep link or a reload shows the same view.
/// </summary>
public partial class Translation : GridPageBase
{
    internal const string FailuresTab = "failures";

    // Above this many rows the grid virtualizes (and therefore needs a fixed height).
    private const int VirtualizeAbove = 200;

    // What this page last wrote into the URL per key: a query update echoing our own write is ignored,
    // so a reply to an older keystroke never overwrites newer typing.
    private readonly Dictionary<string, string?> _written = [];

    private string? _text;
    private string? _namespace;
    private string? _status;
    private string? _kind;
    private string? _selected;
    private string? _tab;
    private MudDataGrid<TranslationRow>? _grid;

    [SupplyParameterFromQuery(Name = "q")]
    public string? TextQuery { get; set; }

    [SupplyParameterFromQuery(Name = "ns")]
    public string? NamespaceQuery { get; set; }

    [SupplyParameterFromQuery(Name = "status")]
    public string? StatusQuery { get; set; }

    [SupplyParameterFromQuery(Name = "kind")]
    public string? KindQuery { get; set; }

    [SupplyParameterFromQuery(Name = "selected")]
    public string? SelectedQuery { get; set; }

    [SupplyParameterFromQuery(Name = "tab")]
    public string? TabQuery { get; set; }

    internal IReadOnlyList<TranslationRow> Rows { get; private set; } = [];

    internal IReadOnlyList<FailureRow> Failures { get; private set; } = [];

    internal IngressFilter Filter => new(_text, _namespace, _status, _kind);

    internal TranslationRow? SelectedRow =>
        _selected is null ? null : State.Translation.Rows.FirstOrDefault(r => r.Id == _selected);

    /// <summary>The row's one state from the status model (Core/Status), the same the API and counts use.</summary>
    internal ObjectStatus? StatusOf(TranslationRow row) => State.StatusOf(row);

    private int ActiveTab => _tab == FailuresTab ? 1 : 0;

    private IEnumerable<string> Namespaces =>
        State.Translation.Rows.Select(r => r.Key.Namespace)
            .Append(_namespace ?? "")
            .Where(ns => ns.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

    protected override string DefaultSortColumn => "Name";

    protected override void OnParametersSet()
    {
        base.OnParametersSet();
        Adopt("q", TextQuery, ref _text);
        Adopt("ns", NamespaceQuery, ref _namespace);
        Adopt("status", StatusQuery, ref _status);
        Adopt("kind", KindQuery, ref _kind);
        Adopt("selected", SelectedQuery, ref _selected);
        Adopt("tab", TabQuery, ref _tab);
        ApplyFilter();
    }

    protected override void OnStateChanged(ControllerState state) => ApplyFilter();

    private void Adopt(string key, string? incoming, ref string? field)
    {
        if (!_written.TryGetValue(key, out var written) || written != incoming)
        {
            field = incoming;
            _written[key] = incoming;
        }
    }

    private void ApplyFilter()
    {
        var filter = Filter;
        Rows = State.Translation.Rows.Where(r => filter.Matches(r, State.StatusOf(r))).ToList();
        Failures = ProblemRows(State.Status).Where(f => filter.Matches(f) && (filter.Namespace is null || f.CausingObjects.Any(o => o.Namespace == filter.Namespace))).ToList();
    }

    /// <summary>
    /// The Failures tab: one row per object that failed to translate or that Kong rejected, so the tab, the header's
    /// "failed" count and the Overview's count are the same number.
    /// </summary>
    private static IEnumerable<FailureRow> ProblemRows(StatusBoard board) =>
        board.All.Where(s => s.IsProblem).Select(s => new FailureRow(
            $"{s.Label}: {(s.Messages.IsDefaultOrEmpty ? s.Reason : string.Join("; ", s.Messages))}",
            [new ObjectRef("", "", s.Key.Kind, s.Key.Namespace, s.Key.Name)]));

    private void OnTextChanged(string? value) => SetQuery("q", value, ref _text);

    private void OnNamespaceChanged(string? value) => SetQuery("ns", value, ref _namespace);

    private void OnStatusChanged(string? value) => SetQuery("status", value, ref _status);

    private void OnKindChanged(string? value) => SetQuery("kind", value, ref _kind);

    /// <summary>The kinds present in the cluster (and the one filtered on), in the status model's order.</summary>
    private IEnumerable<string> Kinds =>
        TranslatedObjects.RouteKinds.Where(k => k == _kind || State.Translation.Rows.Any(r => r.Kind == k));

    private void OnTabChanged(int index) => SetQuery("tab", index == 1 ? FailuresTab : null, ref _tab);

    private void OnRowClick(DataGridRowClickEventArgs<TranslationRow> args) => Select(args.Item.Id);

    internal void Select(string? key) => SetQuery("selected", key, ref _selected);

    private void OnDrawerOpenChanged(bool open)
    {
        if (!open)
        {
            Select(null);
        }
    }

    private void ClearFilters()
    {
        _text = _namespace = _status = _kind = null;
        WriteQuery(("q", null), ("ns", null), ("status", null), ("kind", null));
    }

    private void SetQuery(string key, string? value, ref string? field)
    {
        field = string.IsNullOrEmpty(value) ? null : value;
        WriteQuery((key, field));
    }

    private void WriteQuery(params (string Key, string? Value)[] changes)
    {
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (key, value) in changes)
        {
            _written[key] = value;
            parameters[key] = value;
        }

        ApplyFilter();
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(parameters), replace: true);
    }

    private string RowClass(TranslationRow row, int index) =>
        row.Id == _selected ? "kd-row-selected" : StatusOf(row)?.IsProblem == true ? "kd-row-failed" : "";

    private bool Virtualized => Rows.Count > VirtualizeAbove;
}
