using System.Runtime.CompilerServices;
using System.Threading.Channels;

namespace KongDashboard.Core.Controller;

/// <summary>A stream of immutable states where only the latest matters (the UI's only way to read the core).</summary>
public interface IStateFeed<out T> where T : class
{
    T Current { get; }

    /// <summary>Yields <see cref="Current"/> first, then every newer state; a slow reader skips to the latest.</summary>
    IAsyncEnumerable<T> WatchAsync(CancellationToken cancellationToken = default);
}

/// <summary>Publishes immutable states to any number of subscribers, each through a latest-wins channel of one.</summary>
public sealed class StateFeed<T>(T initial) : IStateFeed<T> where T : class
{
    private readonly Lock _gate = new();
    private readonly List<Channel<T>> _subscribers = [];
    private T _current = initial;

    public T Current => Volatile.Read(ref _current);

    public void Publish(T state)
    {
        lock (_gate)
        {
            _current = state;
            foreach (var subscriber in _subscribers)
            {
                subscriber.Writer.TryWrite(state);
            }
        }
    }

    /// <summary>
    /// Publishes the state computed from the current one, atomically with respect to other updates. A change that
    /// returns the current instance publishes nothing (subscribers are not woken for a state they already have).
    /// </summary>
    public T Update(Func<T, T> change)
    {
        lock (_gate)
        {
            var next = change(_current);
            if (ReferenceEquals(next, _current))
            {
                return next;
            }

            Publish(next);
            return next;
        }
    }

    public async IAsyncEnumerable<T> WatchAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(1)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        lock (_gate)
        {
            channel.Writer.TryWrite(_current);
            _subscribers.Add(channel);
        }

        try
        {
            while (await channel.Reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                while (channel.Reader.TryRead(out var state))
                {
                    yield return state;
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _subscribers.Remove(channel);
            }
        }
    }
}
