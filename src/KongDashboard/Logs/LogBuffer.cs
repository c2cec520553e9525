using KongDashboard.Core.Controller;

namespace KongDashboard.Logs;

/// <summary>
/// The last <see cref="Capacity"/> log entries of this process (a ring: the oldest is dropped), for the live Logs
/// page. Memory stays bounded however long the dashboard runs, as Aspire bounds its structured logs.
/// </summary>
public sealed class LogBuffer(int capacity = LogBuffer.DefaultCapacity)
{
    public const int DefaultCapacity = 5000;

    private readonly Lock _lock = new();
    private readonly LogEntry?[] _ring = new LogEntry?[capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "LogBuffer: the capacity must be at least one entry")];
    private long _next;

    public int Capacity => _ring.Length;

    /// <summary>Wakes live pages (latest wins); carries the newest sequence number.</summary>
    public StateFeed<LogVersion> Changes { get; } = new(new LogVersion(0));

    public long Add(Func<long, LogEntry> create)
    {
        LogEntry entry;
        lock (_lock)
        {
            entry = create(++_next);
            _ring[(int)((entry.Sequence - 1) % _ring.Length)] = entry;
        }

        // Never move the version backwards when two writers publish out of order.
        Changes.Update(v => v.Sequence >= entry.Sequence ? v : new LogVersion(entry.Sequence));
        return entry.Sequence;
    }

    /// <summary>The kept entries, oldest first.</summary>
    public IReadOnlyList<LogEntry> Entries()
    {
        lock (_lock)
        {
            var count = (int)Math.Min(_next, _ring.Length);
            var result = new LogEntry[count];
            for (var i = 0; i < count; i++)
            {
                result[i] = _ring[(int)((_next - count + i) % _ring.Length)]!;
            }

            return result;
        }
    }
}
