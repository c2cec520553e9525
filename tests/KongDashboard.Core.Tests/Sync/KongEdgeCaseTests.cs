using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using KongDashboard.Core.Translation;
using Microsoft.Extensions.Logging.Abstractions;

namespace KongDashboard.Core.Tests.Sync;

/// <summary>
/// Sync against an Admin API that answers like real Kong 3.9.1 where the embedded one may not: all-zero hash after an
/// empty configuration, never 304, 429 with Retry-After. Virtual time: the gateway loop's /status interval and retry
/// delays run on a FakeTimeProvider the test advances; assertions count requests, never wall-clock time.
/// </summary>
public sealed class KongEdgeCaseTests : IAsyncLifetime
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    private readonly TimerCountingClock _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private KongLikeAdminServer _kong = null!;
    private ConfigSync _sync = null!;

    public async Task InitializeAsync()
    {
        _kong = await KongLikeAdminServer.StartAsync(_time);
        var options = new KongSyncOptions
        {
            AdminUrls = [_kong.AdminAddress.ToString()],
            StatusInterval = Interval,
            InitialRetryDelay = TimeSpan.FromMilliseconds(100),
            MaxRetryDelay = TimeSpan.FromSeconds(30),
        };
        _sync = new ConfigSync(options, new TranslatorOptions(), NullLoggerFactory.Instance, time: _time);
        _sync.SetEnabled(true);
        await _sync.OnSnapshotAsync(ClusterSnapshot.Empty);
    }

    public async Task DisposeAsync()
    {
        await _sync.DisposeAsync();
        await _kong.DisposeAsync();
    }

    private static readonly KongConfig Empty = new();

    private static readonly KongConfig OneUpstream = new() { Upstreams = [new KongUpstream { Name = "kong" }] };

    private void Translate(KongConfig config) =>
        _sync.OnTranslation(ClusterSnapshot.Empty, new TranslationResult(config, [], TimeSpan.Zero));

    /// <summary>Advances virtual time one interval at a time until the gateway loop has read /status <paramref name="count"/> more times.</summary>
    private async Task PollsAsync(int count)
    {
        var target = _kong.StatusReads + count;
        await Eventually.True(() =>
        {
            if (_kong.StatusReads >= target)
            {
                return true;
            }

            _time.Advance(Interval);
            return false;
        }, $"{count} more /status reads");
    }

    [Fact]
    public async Task An_empty_configuration_is_pushed_once_although_Kong_then_reports_the_all_zero_hash()
    {
        // Positive control: the all-zero hash is seen and acted on when what Kong lost is not empty (a restart).
        Translate(OneUpstream);
        await Eventually.True(() => _kong.ConfigPosts == 1, "the first configuration pushed");
        Assert.NotEqual(KongLikeAdminServer.EmptyHash, _kong.ConfigurationHash);
        _kong.Restart();
        await PollsAsync(2);
        await Eventually.True(() => _kong.ConfigPosts == 2, "the restarted Kong configured again");

        Translate(Empty);
        await Eventually.True(() => _kong.ConfigPosts == 3, "the empty configuration pushed");
        Assert.Equal(KongLikeAdminServer.EmptyHash, _kong.ConfigurationHash);
        await PollsAsync(10);

        Assert.Equal(3, _kong.ConfigPosts);
        Assert.Equal(GatewaySyncState.InSync, _sync.State.Current.Gateways.Single().State);
    }

    [Fact]
    public async Task Already_applied_is_decided_from_the_sha_not_from_a_304()
    {
        Translate(OneUpstream);
        await Eventually.True(() => _sync.State.Current.InSync == 1, "in sync");
        Assert.Equal(1, _kong.ConfigPosts);

        Translate(OneUpstream with { }); // a new translation with the same output: same SHA-256
        await PollsAsync(5);
        Assert.Equal(1, _kong.ConfigPosts); // Kong would have answered 201, not 304: it was never asked

        _sync.ResyncAll(); // positive control: a forced resync does reach Kong
        await Eventually.True(() => _kong.ConfigPosts == 2, "the forced push");
        await Eventually.True(() => _sync.State.Current.Gateways.Single().LastPush?.StatusCode == 201, "applied with 201");
    }

    public static TheoryData<string?, double, double> RetryAfterCases() => new()
    {
        { "5", 5, 5.5 },          // Retry-After honoured instead of the 100 ms back-off
        { "2.5", 2.5, 3 },        // Kong's value can be fractional (the remaining lock time)
        { "3600", 30, 30.5 },     // capped at MaxRetryDelay
        { null, 0, 0.5 },         // positive control: without Retry-After, the normal back-off (100 ms ±20 %)
    };

    [Theory]
    [MemberData(nameof(RetryAfterCases))]
    public async Task A_busy_Kong_is_left_alone_for_its_Retry_After(string? retryAfter, double atLeastSeconds, double atMostSeconds)
    {
        _kong.AnswerNextPostBusy(retryAfter);
        Translate(OneUpstream);
        await Eventually.True(() => _kong.ConfigPosts == 1, "the first push, answered 429");
        var busy = await Eventually.Until(() => _sync.State.Current.Gateways.Single().LastPush, p => p?.StatusCode == 429, "the 429 recorded");
        var failedAt = busy!.At; // the controller's clock when it scheduled the retry

        // The clock jumps to just short of the wait, then to its end, so no step of the test stretches it: a retry
        // after the first jump comes too early (below the range); none after the second means it waits too long.
        // Between the jumps the gateway loop must have acted on the first: it has read /status and parked on a new
        // timer (after a push, if it made one).
        if (atLeastSeconds > 0)
        {
            var (reads, timers) = (_kong.StatusReads, _time.TimersCreated);
            _time.Advance(failedAt + TimeSpan.FromSeconds(atLeastSeconds - 0.05) - _time.GetUtcNow());
            await Eventually.True(() => _kong.StatusReads > reads && _time.TimersCreated > timers && _kong.InFlight == 0, "the loop's look after the first jump");
        }

        _time.Advance(failedAt + TimeSpan.FromSeconds(atLeastSeconds > 0 ? atLeastSeconds : atMostSeconds) - _time.GetUtcNow());
        await Eventually.True(() => _kong.ConfigPosts >= 2, "the retry");

        var waited = (_kong.PostTimes.ToArray()[1] - failedAt).TotalSeconds;
        Assert.InRange(waited, atLeastSeconds, atMostSeconds);
        await Eventually.True(() => _sync.State.Current.InSync == 1, "in sync after the retry");
    }

    [Fact]
    public async Task Polls_that_change_nothing_publish_nothing()
    {
        Translate(OneUpstream);
        await Eventually.True(() => _sync.State.Current.InSync == 1, "in sync");
        await PollsAsync(2);
        var settled = _sync.State.Current;
        var seen = settled.Gateways.Single().LastSeenAt;
        var requests = settled.Gateways.Single().TotalRequests;

        await PollsAsync(10);

        Assert.Same(settled, _sync.State.Current);
        // The per-poll values are still live for a page that reads them, without a new state.
        Assert.True(_sync.State.Current.Gateways.Single().LastSeenAt > seen);
        Assert.True(_sync.State.Current.Gateways.Single().TotalRequests > requests);

        // Positive control: a poll that does see a change (Kong lost its configuration) publishes.
        _kong.Restart();
        await PollsAsync(1);
        await Eventually.True(() => !ReferenceEquals(settled, _sync.State.Current), "a new state after the restart");
    }
}
