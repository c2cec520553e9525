using System.Collections.Immutable;
using KongDashboard.Core.Controller;
using KongDashboard.Security;
using Microsoft.Extensions.Options;

namespace KongDashboard.Audit;

/// <summary>The in-memory audit trail for the Audit page: bounded, newest first, published as a live feed.</summary>
public sealed class AuditLog(IOptions<DashboardSecuritySettings> settings)
{
    private readonly int _capacity = Math.Max(1, settings.Value.Audit.Capacity);

    public StateFeed<AuditTrail> Feed { get; } = new(AuditTrail.Empty);

    public void Add(AuditEntry entry) => Feed.Update(trail =>
    {
        var entries = trail.Entries.Insert(0, entry);
        if (entries.Length > _capacity)
        {
            entries = entries.RemoveRange(_capacity, entries.Length - _capacity);
        }

        return new AuditTrail(entries, trail.Total + 1);
    });
}

/// <summary>The retained entries (newest first) and how many were recorded since start.</summary>
public sealed record AuditTrail(ImmutableArray<AuditEntry> Entries, long Total)
{
    public static readonly AuditTrail Empty = new([], 0);
}
