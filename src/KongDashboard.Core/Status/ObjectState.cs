using System.Collections.Immutable;

namespace KongDashboard.Core.Status;

/// <summary>Where one object stands on its way from the cluster to Kong: exactly one of these at a time.</summary>
public enum ObjectState
{
    /// <summary>Translation reported failures for it (what could be translated still was).</summary>
    FailedToTranslate,

    /// <summary>Kong refused the configuration because of it, or the fallback configuration leaves it out.</summary>
    RejectedByKong,

    /// <summary>On its way: not pushed yet, no leader, a gateway unreachable or not yet serving it.</summary>
    Pending,

    /// <summary>Every gateway serves a configuration that contains it.</summary>
    Applied,

    /// <summary>Another ingress class, or a Gateway of another controller: this controller does not translate it.</summary>
    NotForThisController,
}

/// <summary>The identity of an object in the status model (kind, namespace, name; no uid, so a re-created object keeps its row).</summary>
public readonly record struct StatusKey(string Kind, string Namespace, string Name) : IComparable<StatusKey>
{
    public int CompareTo(StatusKey other)
    {
        var byKind = string.CompareOrdinal(Kind, other.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var byNamespace = string.CompareOrdinal(Namespace, other.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(Name, other.Name);
    }

    public override string ToString() => Namespace.Length == 0 ? $"{Kind} {Name}" : $"{Kind} {Namespace}/{Name}";
}

/// <summary>One object's state with the reason for it; <see cref="AppliedOn"/> of <see cref="Gateways"/> serve it.</summary>
public sealed record ObjectStatus(StatusKey Key, ObjectState State, string Reason, ImmutableArray<string> Messages, int AppliedOn, int Gateways)
{
    public string Label => State switch
    {
        ObjectState.FailedToTranslate => "Failed to translate",
        ObjectState.RejectedByKong => "Rejected by Kong",
        ObjectState.Applied => $"Applied ({AppliedOn} of {Gateways} gateways)",
        ObjectState.Pending => "Pending",
        _ => "Not for this controller",
    };

    /// <summary>One or two words for a grid cell (the reason goes in the tooltip).</summary>
    public string ShortLabel => State switch
    {
        ObjectState.FailedToTranslate => "Failed",
        ObjectState.RejectedByKong => "Rejected by Kong",
        ObjectState.Applied => "Applied",
        ObjectState.Pending => "Pending",
        _ => "Not for us",
    };

    /// <summary>Failed to translate or rejected by Kong: what the "failed" counts and filters are about.</summary>
    public bool IsProblem => State is ObjectState.FailedToTranslate or ObjectState.RejectedByKong;
}
