namespace KongDashboard.EmbeddedCluster;

/// <summary>What a fault predicate sees of an incoming request.</summary>
public sealed record ApiRequestInfo(string Method, string Path, string Query, bool IsWatch);

/// <summary>
/// Test hooks for failure paths that are hard to provoke otherwise: answer the next N matching requests with an
/// error status, or abort every open watch connection mid-stream; on the Kong side, make gateways refuse
/// POST /config as a Kong busy loading another configuration does.
/// </summary>
public sealed partial class FaultInjector
{
    private sealed class KongBusyRule(Func<string, bool> gateway, int count, string retryAfter)
    {
        public Func<string, bool> Gateway { get; } = gateway;
        public int Remaining { get; set; } = count;
        public string RetryAfter { get; } = retryAfter;
    }

    private readonly List<KongBusyRule> _kongBusy = [];

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
        lock (_gate)
        {
            _rules.Add(new Rule(predicate, count, statusCode, retryAfterSeconds));
        }
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

    /// <summary>
    /// Kong side: the next <paramref name="count"/> POST /config that a gateway would load (valid, and not a 304) are
    /// answered as Kong does while another load holds its declarative lock (kong/api/routes/config.lua:151-158,
    /// kong/db/declarative/import.lua:573-593): 429 <c>{"message":"Currently loading previous configuration"}</c> with
    /// <c>Retry-After</c>, the lock's remaining seconds (at most 10, possibly fractional). Nothing is loaded.
    /// </summary>
    /// <param name="gateway">Which gateways, by their node name (the pod name in the embedded cluster); null for all.</param>
    public void KongConfigBusy(int count = 1, double retryAfterSeconds = 1, Func<string, bool>? gateway = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retryAfterSeconds);
        var retryAfter = Math.Min(retryAfterSeconds, 10).ToString(System.Globalization.CultureInfo.InvariantCulture);
        lock (_gate)
        {
            _kongBusy.Add(new KongBusyRule(gateway ?? (_ => true), count, retryAfter));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
            _kongBusy.Clear();
            ClearApiServerSwitches();
        }
    }

    /// <summary>The Retry-After value when this gateway's load is to be refused as busy, else null.</summary>
    internal string? TakeKongConfigBusy(string gatewayName)
    {
        lock (_gate)
        {
            var rule = _kongBusy.FirstOrDefault(r => r.Gateway(gatewayName));
            if (rule is null)
            {
                return null;
            }

            if (--rule.Remaining <= 0)
            {
                _kongBusy.Remove(rule);
            }

            return rule.RetryAfter;
        }
    }

    internal CancellationToken WatchDropToken
    {
        get
        {
            lock (_gate)
            {
                return _watchDrop.Token;
            }
        }
    }

    internal (int StatusCode, int RetryAfterSeconds)? TakeFault(ApiRequestInfo request)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => r.Predicate(request));
            if (rule is null)
            {
                return null;
            }

            if (--rule.Remaining <= 0)
            {
                _rules.Remove(rule);
            }

            return (rule.StatusCode, rule.RetryAfterSeconds);
        }
    }
}
