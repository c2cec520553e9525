using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Translation.KongState;

/// <summary>A Kong service (without routes) and its upstream, built from one Kubernetes Service + port.</summary>
internal sealed record ServiceBase(
    KongService Service,
    KongUpstream Upstream,
    IReadOnlyList<TranslationFailure> Failures);
