namespace KongDashboard.Core.Leadership;

/// <summary>Where and how this replica takes part in leader election (KIC: --election-id, --election-namespace).</summary>
public sealed record LeaderElectionOptions
{
    public const string DefaultElectionId = "5b374a9e.konghq.com";

    /// <summary>This replica's identity: its pod name.</summary>
    public required string Identity { get; init; }

    /// <summary>The Lease's namespace (Controller:ElectionNamespace; default: the pod's own namespace).</summary>
    public required string Namespace { get; init; }

    /// <summary>The Lease's name (Controller:ElectionId).</summary>
    public string LeaseName { get; init; } = DefaultElectionId;

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The elector's clock: Lease times, expiry, the renew deadline, back-off and request timeouts. Null: the replica's
    /// clock (<c>ControllerInstanceOptions.Time</c>). Tests pass a fake one to run elections in virtual time.
    /// </summary>
    public TimeProvider? Time { get; init; }

    /// <summary>Label selector (one key=value) of the candidate pods in <see cref="Namespace"/>.</summary>
    public string CandidateLabel { get; init; } = "app.kubernetes.io/name=kong-dashboard";

    public ElectionTimings Timings => new(LeaseDuration, RenewDeadline, RetryPeriod);

    /// <summary>client-go's rule: LeaseDuration &gt; RenewDeadline &gt; 1.2 × RetryPeriod; each positive. Throws naming the setting.</summary>
    public LeaderElectionOptions Validate()
    {
        Check(!string.IsNullOrWhiteSpace(Identity), "Controller:InstanceId (the election identity) must not be empty");
        Check(!string.IsNullOrWhiteSpace(Namespace), "Controller:ElectionNamespace must not be empty");
        Check(!string.IsNullOrWhiteSpace(LeaseName), "Controller:ElectionId must not be empty");
        Check(RetryPeriod > TimeSpan.Zero, $"Controller:RetryPeriod must be positive (is {RetryPeriod.TotalSeconds} s)");
        Check(LeaseDuration.TotalSeconds >= 1 && LeaseDuration.TotalSeconds == Math.Floor(LeaseDuration.TotalSeconds),
            $"Controller:LeaseDuration must be a whole number of seconds ≥ 1, as the Lease stores it (is {LeaseDuration.TotalSeconds} s)");
        Check(LeaseDuration > RenewDeadline,
            $"Controller:LeaseDuration ({LeaseDuration.TotalSeconds} s) must be greater than Controller:RenewDeadline ({RenewDeadline.TotalSeconds} s)");
        Check(RenewDeadline > RetryPeriod * 1.2,
            $"Controller:RenewDeadline ({RenewDeadline.TotalSeconds} s) must be greater than 1.2 × Controller:RetryPeriod ({RetryPeriod.TotalSeconds} s)");
        return this;
    }

    private static void Check(bool ok, string message)
    {
        if (!ok)
        {
            throw new LeaderElectionConfigException(message);
        }
    }
}

public sealed class LeaderElectionConfigException(string message) : Exception(message);
