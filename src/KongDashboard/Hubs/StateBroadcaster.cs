using KongDashboard.Api;
using KongDashboard.Core.Controller;
using Microsoft.AspNetCore.SignalR;

namespace KongDashboard.Hubs;

/// <summary>One watch of the state feed for all hub clients: at most one round of messages per interval, latest state wins.</summary>
public sealed class StateBroadcaster(IStateFeed<ControllerState> feed, IHubContext<StateHub> hub, ILogger<StateBroadcaster> logger) : BackgroundService
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(500);

    public IEnumerable<(string Section, object Payload)> AllSections()
    {
        var state = feed.Current;
        return StateShapes.Sections.Select(s => (s.Key, s.Value(state)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sent = new Dictionary<string, object>();
        try
        {
            await foreach (var unused in feed.WatchAsync(stoppingToken).ConfigureAwait(false))
            {
                var state = feed.Current;
                foreach (var (section, shape) in StateShapes.Sections)
                {
                    var source = StateShapes.SourceOf(section, state);
                    if (sent.TryGetValue(section, out var previous) && Equals(previous, source))
                    {
                        continue;
                    }

                    sent[section] = source;
                    await hub.Clients.All.SendAsync(StateHub.UpdateMethod, section, shape(state), stoppingToken).ConfigureAwait(false);
                }

                await Task.Delay(MinInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The state hub stopped broadcasting");
        }
    }
}
