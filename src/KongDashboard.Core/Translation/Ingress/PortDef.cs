using k8s.Models;

namespace KongDashboard.Core.Translation.Ingress;

internal enum PortMode
{
    Implicit,
    ByNumber,
    ByName,
}

/// <summary>How an Ingress backend names its Service port (kongstate/types.go: PortDef).</summary>
internal readonly record struct PortDef(PortMode Mode, int Number, string Name)
{
    public static PortDef From(V1ServiceBackendPort? port) =>
        port?.Number is int n and not 0 ? new PortDef(PortMode.ByNumber, n, "")
        : !string.IsNullOrEmpty(port?.Name) ? new PortDef(PortMode.ByName, 0, port.Name)
        : new PortDef(PortMode.Implicit, 0, "");

    // A handful of port numbers appear in every route and service name: format each once.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> NumberTexts = new();

    /// <summary>Number if set, else name, else <c>implicitPort</c>.</summary>
    public string CanonicalString() => Mode switch
    {
        PortMode.ByNumber => NumberTexts.TryGetValue(Number, out var text)
            ? text
            : NumberTexts.GetOrAdd(Number, static n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        PortMode.ByName => Name,
        _ => "implicitPort",
    };
}
