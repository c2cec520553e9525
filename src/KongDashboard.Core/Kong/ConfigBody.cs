namespace KongDashboard.Core.Kong;

/// <summary>
/// A <c>/config</c> body held as chunks of pieces (mostly cached entity JSON, and whole chunks, shared with earlier
/// bodies), so making the body of a one-object change costs one short array of chunk references instead of copying
/// every byte or a reference per entity.
/// </summary>
public sealed class ConfigBody
{
    private readonly ReadOnlyMemory<byte>[][] _chunks;
    private byte[]? _array;

    public ConfigBody(ReadOnlyMemory<byte>[][] chunks)
    {
        _chunks = chunks;
        long length = 0;
        var count = 0;
        foreach (var chunk in chunks)
        {
            count += chunk.Length;
            foreach (var segment in chunk)
            {
                length += segment.Length;
            }
        }

        Length = checked((int)length);
        SegmentCount = count;
    }

    public static ConfigBody Of(byte[] bytes) => new([[bytes]]) { _array = bytes };

    /// <summary>The body's size in bytes.</summary>
    public int Length { get; }

    /// <summary>How many pieces the body is made of.</summary>
    public int SegmentCount { get; }

    /// <summary>The chunks in order, each a run of pieces; the concatenation of all pieces is the body.</summary>
    public ReadOnlySpan<ReadOnlyMemory<byte>[]> Chunks => _chunks;

    /// <summary>The body as one array, made on first use and kept.</summary>
    public byte[] ToArray()
    {
        if (_array is { } made)
        {
            return made;
        }

        var array = GC.AllocateUninitializedArray<byte>(Length);
        var offset = 0;
        foreach (var chunk in _chunks)
        {
            foreach (var segment in chunk)
            {
                segment.Span.CopyTo(array.AsSpan(offset));
                offset += segment.Length;
            }
        }

        return _array = array;
    }

    /// <summary>A read-only, seekable stream over the pieces (its length gives the request's Content-Length).</summary>
    public Stream OpenRead() => _array is { } made ? new MemoryStream(made, writable: false) : new ConfigBodyStream(this);
}
