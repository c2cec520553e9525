namespace KongDashboard.Core.Kong;

/// <summary>Reads a <see cref="ConfigBody"/>'s pieces in order without joining them.</summary>
internal sealed class ConfigBodyStream(ConfigBody body) : Stream
{
    private int _chunk;
    private int _segment;
    private int _offsetInSegment;
    private long _position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => body.Length;

    public override long Position
    {
        get => _position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> destination)
    {
        var chunks = body.Chunks;
        var written = 0;
        while (written < destination.Length && _chunk < chunks.Length)
        {
            var segments = chunks[_chunk];
            if (_segment == segments.Length)
            {
                _chunk++;
                _segment = 0;
                continue;
            }

            var rest = segments[_segment].Span[_offsetInSegment..];
            var n = Math.Min(rest.Length, destination.Length - written);
            rest[..n].CopyTo(destination[written..]);
            written += n;
            _offsetInSegment += n;
            if (_offsetInSegment == segments[_segment].Length)
            {
                _segment++;
                _offsetInSegment = 0;
            }
        }

        _position += written;
        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(destination.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => body.Length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target);
        // Walk from the start: seeking happens at most once per request (a retry rewinds to 0).
        var chunks = body.Chunks;
        _chunk = 0;
        _segment = 0;
        _offsetInSegment = 0;
        var remaining = Math.Min(target, body.Length);
        while (remaining > 0 && _chunk < chunks.Length)
        {
            if (_segment == chunks[_chunk].Length)
            {
                _chunk++;
                _segment = 0;
                continue;
            }

            var length = chunks[_chunk][_segment].Length;
            if (remaining < length)
            {
                _offsetInSegment = (int)remaining;
                break;
            }

            remaining -= length;
            _segment++;
        }

        _position = target;
        return target;
    }

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
