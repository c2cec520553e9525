using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Translation.KongState;

/// <summary>
/// A Kong service and its upstream, built from one Kubernetes Service + port. The service carries the routes it was
/// built with; when only the routes change, a copy with the new routes is made from it.
/// </summary>
internal sealed record ServiceBase(
    KongService Service,
    KongUpstream Upstream,
    IReadOnlyList<TranslationFailure> Failures);
