namespace KongDashboard.Security;

/// <summary>
/// <c>?embed=true</c> hides the navigation chrome for portals. The server reads only the URL of the request it serves;
/// the browser tab remembers the choice in sessionStorage (<c>wwwroot/js/theme.js</c>, <c>kdEmbed</c>), so it holds for
/// that tab alone — never for the browser's other tabs, as a cookie did — until <c>?embed=false</c> or the tab closes.
/// </summary>
public static class EmbedMode
{
    public const string QueryName = "embed";

    /// <summary>True when this request's URL asks for embed mode (<c>?embed=true</c> or <c>?embed=1</c>).</summary>
    public static bool IsOn(HttpContext? context) =>
        context is not null && context.Request.Query.TryGetValue(QueryName, out var value) && IsTrue(value.ToString());

    public static bool IsTrue(string? value) =>
        string.Equals(value, "true", StringComparison.OrdinalIgnoreCase) || value == "1";
}
