namespace KongDashboard.Core.Cluster;

/// <summary>
/// The keys a <see cref="KindSet{T}"/> was edited at since its lineage started: one immutable node per edit, shared by
/// every set derived from it. Nodes hold keys only (never the old sets), and a lineage restarts after
/// <see cref="MaxDepth"/> edits, so memory stays bounded while a consumer can diff two related sets cheaply.
/// </summary>
internal sealed class ChangeLog
{
    private const int MaxDepth = 4096;

    private readonly ChangeLog? _parent;
    private readonly ObjectKey _key;
    private readonly int _depth;

    private ChangeLog(ChangeLog? parent, ObjectKey key, int depth)
    {
        _parent = parent;
        _key = key;
        _depth = depth;
    }

    public static ChangeLog Root() => new(null, default, 0);

    public ChangeLog Then(ObjectKey key) => _depth >= MaxDepth ? Root() : new(this, key, _depth + 1);

    /// <summary>Keys edited on either side since the common ancestor; null when the logs share no ancestor.</summary>
    public static HashSet<ObjectKey>? Between(ChangeLog a, ChangeLog b)
    {
        var keys = new HashSet<ObjectKey>();
        while (!ReferenceEquals(a, b))
        {
            if (a._depth >= b._depth)
            {
                if (a._parent is null)
                {
                    return null;
                }

                keys.Add(a._key);
                a = a._parent;
            }
            else
            {
                if (b._parent is null)
                {
                    return null;
                }

                keys.Add(b._key);
                b = b._parent;
            }
        }
        return keys;
    }
}
