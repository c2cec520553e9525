using System.Collections.Immutable;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Translation;

/// <summary>The configuration built from a snapshot plus what could not be translated.</summary>
public sealed record TranslationResult(KongConfig Config, ImmutableArray<TranslationFailure> Failures, TimeSpan Duration)
{
    /// <summary>The strings from Secrets this configuration may contain (see <see cref="SecretValues"/>), for redaction.</summary>
    public IReadOnlySet<string> SecretValues { get; init; } = new HashSet<string>();

    /// <summary>
    /// Safety rail: objects meant for this controller (its ingress class, or controllerName) of a kind it does not
    /// translate; each is also a failure "not translated by this controller: &lt;kind&gt;".
    /// </summary>
    public ImmutableArray<ObjectRef> NotTranslated { get; init; } = [];

    public bool HasFailures => !Failures.IsDefaultOrEmpty;

    /// <summary>Every (failure, causing object) pair — what KIC emits as one Warning Event each.</summary>
    public IEnumerable<(ObjectRef Object, string Message)> FailureEvents() =>
        Failures.SelectMany(f => f.CausingObjects.Select(o => (o, f.Message)));
}
