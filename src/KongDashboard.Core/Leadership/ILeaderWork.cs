namespace KongDashboard.Core.Leadership;

/// <summary>What leadership guards: the elector starts and stops it, and drains it before giving the Lease away.</summary>
public interface ILeaderWork
{
    /// <summary>This replica now leads <paramref name="term"/>: start writing. Must return at once (never blocks renewals).</summary>
    void Start(LeaseTerm term);

    /// <summary>Stop writing now. Synchronous: the RenewDeadline guarantee relies on it taking effect immediately.</summary>
    void Stop(string reason);

    /// <summary>Completes when no write is in flight (called after <see cref="Stop"/>, before handing off or releasing).</summary>
    Task DrainAsync(CancellationToken cancellationToken);
}
