namespace KongDashboard.Core.Kong;

/// <summary>
/// A <c>/config</c> body held as the sequence of its pieces (mostly cached entity JSON shared with earlier bodies), so
/// making the body of a one-object change costs one array of references instead of copying every byte.
/// </summary>
public sealed class ConfigBody
{
    private readonly ReadOnlyMemory<byte>[] _segments;
    private byte[]? _array;

    public ConfigBody(ReadOnlyMemory<byte>[] segments)
    {
        _segments = segments;
        long length = 0;
        foreach (var segment in segments)
        {
            length += segment.Length;
        }

        Length = checked((int)length);
    }

    public static ConfigBody Of(byte[] bytes) => new([bytes]) { _array = bytes };

    /// <summary>The body's size in bytes.</summary>
    public int Length { get; }

    /// <summary>The pieces in order; their concatenation is the body.</summary>
    public ReadOnlySpan<ReadOnlyMemory<byte>> Segments => _segments;

    /// <summary>The body as one array, made on first use and kept.</summary>
    public byte[] ToArray()
    {
        if (_array is { } made)
        {
            return made;
        }

        var array = GC.AllocateUninitializedArray<byte>(Length);
        var offset = 0;
        foreach (var segment in _segments)
        {
            segment.Span.CopyTo(array.AsSpan(offset));
            offset += segment.Length;
        }

        return _array = array;
    }

    /// <summary>A read-only, seekable stream over the pieces (its length gives the request's Content-Length).</summary>
    public Stream OpenRead() => _array is { } made ? new MemoryStream(made, writable: false) : new ConfigBodyStream(this);
}
