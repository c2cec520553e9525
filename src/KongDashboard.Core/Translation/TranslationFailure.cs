using System.Collections.Immutable;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Translation;

/// <summary>An object (or part of one) that could not be translated, with KIC's message (failures/failures.go).</summary>
public sealed record TranslationFailure(string Message, ImmutableArray<ObjectRef> CausingObjects)
{
    public bool Equals(TranslationFailure? other) =>
        other is not null && Message == other.Message && CausingObjects.SequenceEqual(other.CausingObjects);

    public override int GetHashCode() => HashCode.Combine(Message, CausingObjects.Length);

    public override string ToString() => $"{Message} ({string.Join(", ", CausingObjects)})";
}
