namespace KongDashboard.Components.Layout;

/// <summary>
/// The keyboard shortcuts (handled in wwwroot/js/keyboard.js) and their help text: one table, so the help dialog
/// never lists a shortcut that does not exist.
/// </summary>
public static class KeyboardShortcuts
{
    /// <summary>"g" then the letter goes to the page (relative to the base href).</summary>
    public static readonly IReadOnlyList<(string Letter, string Path, string Page)> GoTo =
    [
        ("o", "", "Overview"),
        ("t", "translation", "Translation"),
        ("g", "gateways", "Gateways"),
        ("c", "configuration", "Configuration"),
        ("l", "leadership", "Leadership"),
        ("a", "autoscaling", "Autoscaling"),
        ("u", "audit", "Audit"),
        ("s", "logs", "Logs"),
    ];

    public static readonly IReadOnlyList<(string Keys, string Action)> Other =
    [
        ("Ctrl K", "Search everything (Cmd K on a Mac)"),
        ("/", "Focus the page's search box"),
        ("Enter", "Open the focused table row's details"),
        ("Escape", "Close the details and return to the row"),
        ("?", "Show this help"),
    ];

    /// <summary>The letter → path map handed to the script.</summary>
    public static Dictionary<string, string> Routes() => GoTo.ToDictionary(s => s.Letter, s => s.Path, StringComparer.Ordinal);
}
