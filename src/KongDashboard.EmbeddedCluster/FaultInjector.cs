namespace KongDashboard.EmbeddedCluster;

/// <summary>What a fault predicate sees of an incoming request.</summary>
public sealed record ApiRequestInfo(string Method, string Path, string Query, bool IsWatch);

/// <summary>
/// Test hooks for failure paths that are hard to provoke otherwise: answer the next N matching requests with an
/// error status, or abort every open watch connection mid-stream.
/// </summary>
public sealed partial class FaultInjector
{
    private sealed class Rule(Func<ApiRequestInfo, bool> predicate, int count, int statusCode, int retryAfterSeconds)
    {
        public Func<ApiRequestInfo, bool> Predicate { get; } = predicate;
        public int Remaining { get; set; } = count;
        public int StatusCode { get; } = statusCode;
        public int RetryAfterSeconds { get; } = retryAfterSeconds;
    }

    private readonly object _gate = new();
    private readonly List<Rule> _rules = [];
    private CancellationTokenSource _watchDrop = new();

    /// <summary>Makes the next <paramref name="count"/> requests matching <paramref name="predicate"/> fail with
    /// <paramref name="statusCode"/> (a 429 carries Retry-After: <paramref name="retryAfterSeconds"/>).</summary>
    public void FailNext(Func<ApiRequestInfo, bool> predicate, int count = 1, int statusCode = 500, int retryAfterSeconds = 1)
    {
        lock (_gate) _rules.Add(new Rule(predicate, count, statusCode, retryAfterSeconds));
    }

    /// <summary>Aborts all currently open watch responses (the client sees the connection drop).</summary>
    public void DropWatches()
    {
        CancellationTokenSource old;
        lock (_gate)
        {
            old = _watchDrop;
            _watchDrop = new CancellationTokenSource();
        }
        old.Cancel();
        old.Dispose();
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            ClearApiServerSwitches();
        }
    }

    internal CancellationToken WatchDropToken
    {
        get { lock (_gate) return _watchDrop.Token; }
    }

    internal (int StatusCode, int RetryAfterSeconds)? TakeFault(ApiRequestInfo request)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => r.Predicate(request));
            if (rule is null) return null;
            if (--rule.Remaining <= 0) _rules.Remove(rule);
            return (rule.StatusCode, rule.RetryAfterSeconds);
        }
    }
}
