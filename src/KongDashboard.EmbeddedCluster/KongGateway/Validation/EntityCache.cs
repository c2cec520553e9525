namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// The entities of the last accepted configuration and of the last attempt, by section and exact JSON text.
/// The last attempt is kept too: after a refusal the controller sends a fallback that shares most of it.
/// </summary>
internal sealed class EntityCache
{
    private Generation _accepted = new();
    private Generation _attempted = new();

    public CompiledEntity? Find(string section, ReadOnlySpan<byte> raw, int index) =>
        _attempted.Find(section, raw, index) ?? _accepted.Find(section, raw, index);

    /// <summary>Keeps the entities one attempt used (reused or compiled); an accepted one replaces both generations.</summary>
    public void Remember(IEnumerable<CompiledEntity> used, bool accepted)
    {
        var generation = new Generation();
        foreach (var entity in used)
        {
            generation.Add(entity);
        }
        if (accepted)
        {
            _accepted = generation;
            _attempted = new Generation();
        }
        else
        {
            _attempted = generation;
        }
    }

    private sealed class Generation
    {
        private readonly Dictionary<string, Dictionary<byte[], CompiledEntity>> _bySection = new(StringComparer.Ordinal);

        public void Add(CompiledEntity entity)
        {
            if (entity.Raw.Length == 0)
            {
                return;
            }
            if (!_bySection.TryGetValue(entity.Section, out var texts))
            {
                _bySection[entity.Section] = texts = new Dictionary<byte[], CompiledEntity>(ByteTextComparer.Instance);
            }
            texts.TryAdd(entity.Raw, entity);
        }

        public CompiledEntity? Find(string section, ReadOnlySpan<byte> raw, int index) =>
            _bySection.TryGetValue(section, out var texts)
            && texts.GetAlternateLookup<ReadOnlySpan<byte>>().TryGetValue(raw, out var entity)
            && (!entity.Positional || entity.Index == index)
                ? entity
                : null;
    }

    /// <summary>Byte-for-byte equality, with lookups by span so finding an entity copies nothing.</summary>
    private sealed class ByteTextComparer : IEqualityComparer<byte[]>, IAlternateEqualityComparer<ReadOnlySpan<byte>, byte[]>
    {
        public static readonly ByteTextComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => Hash(obj);

        public bool Equals(ReadOnlySpan<byte> alternate, byte[] other) => alternate.SequenceEqual(other);

        public int GetHashCode(ReadOnlySpan<byte> alternate) => Hash(alternate);

        public byte[] Create(ReadOnlySpan<byte> alternate) => alternate.ToArray();

        private static int Hash(ReadOnlySpan<byte> text)
        {
            var hash = new HashCode();
            hash.AddBytes(text);
            return hash.ToHashCode();
        }
    }
}
