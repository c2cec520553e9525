namespace KongDashboard.Logs;

/// <summary>One line of the controller's own log as the Logs page shows it; every text already scrubbed of secrets.</summary>
public sealed record LogEntry(
    long Sequence,
    DateTimeOffset At,
    LogLevel Level,
    string Category,
    int EventId,
    string Message,
    string? Exception,
    IReadOnlyList<KeyValuePair<string, string>> Properties)
{
    /// <summary>The category's last segment ("ConfigSync" of "KongDashboard.Core.Sync.ConfigSync").</summary>
    public string ShortCategory => Category[(Category.LastIndexOf('.') + 1)..];

    public bool Contains(string text) =>
        Message.Contains(text, StringComparison.OrdinalIgnoreCase)
        || Category.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (Exception?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
        || Properties.Any(p => p.Value.Contains(text, StringComparison.OrdinalIgnoreCase));
}

/// <summary>Published on every new entry so a page can wake up; the entries are read with <see cref="LogBuffer.Entries"/>.</summary>
public sealed record LogVersion(long Sequence);
