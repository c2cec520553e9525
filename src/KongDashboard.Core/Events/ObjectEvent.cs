namespace KongDashboard.Core.Events;

/// <summary>One core/v1 Event about an object, as a drawer lists it (message already scrubbed of Secret values).</summary>
public sealed record ObjectEvent(string Type, string Reason, string Message, int Count, DateTimeOffset? LastSeen, string Source)
{
    public bool IsWarning => Type == "Warning";
}
