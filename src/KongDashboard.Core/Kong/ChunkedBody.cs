using System.Buffers;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Fragment = KongDashboard.Core.Kong.IncrementalConfigSerializer.Fragment;

namespace KongDashboard.Core.Kong;

/// <summary>
/// Builds a <see cref="ConfigBody"/> as chunks of consecutive entities and hashes it as a Merkle tree of depth two: the
/// body's hash is a SHA-256 over its structure bytes and each chunk's digest, a chunk's digest a SHA-256 over its
/// entities' own digests. A chunk already in the previous body (the same entity pieces in the same order) keeps its
/// digest and segment list, so one changed entity re-hashes one chunk and the short list of chunk digests.
/// </summary>
/// <remarks>
/// Chunk boundaries depend on content only (an entity whose digest's first byte is a multiple of
/// <see cref="BoundaryMask"/>+1 ends its chunk, as does structure), never on position: inserting or removing one
/// service moves no other boundary, and equal bodies are cut the same way, so equal bodies give equal hashes.
/// </remarks>
internal struct ChunkedBody(Dictionary<ChunkKey, Chunk> previous, int chunkHint)
{
    /// <summary>About 64 entities per chunk on average: ~150 chunks at 10,000 Ingresses.</summary>
    private const int BoundaryMask = 63;

    /// <summary>A bound on a chunk's length whatever the digests (still content-determined: it counts from a boundary).</summary>
    private const int MaxChunk = 512;

    private readonly Dictionary<ChunkKey, Chunk> _used = new(Math.Max(chunkHint, 16), ChunkKey.Comparer);
    private readonly List<ReadOnlyMemory<byte>[]> _chunks = new(Math.Max(chunkHint, 16));
    private readonly Fragment[] _open = ArrayPool<Fragment>.Shared.Rent(MaxChunk);
    private int _openCount;
    private bool _openStartsList;
    private byte[] _hashed = ArrayPool<byte>.Shared.Rent((Math.Max(chunkHint, 16) * SHA256.HashSizeInBytes) + 1024);
    private int _hashedLength;

    /// <summary>Chunks this body had to hash (not found in the previous body).</summary>
    public int ChunksHashed { get; private set; }

    public void AddRaw(byte[] raw)
    {
        CloseChunk();
        _chunks.Add([raw]);
        Hash(raw);
    }

    public void Add(Fragment fragment, bool startsList)
    {
        if (_openCount == 0)
        {
            _openStartsList = startsList;
        }

        _open[_openCount++] = fragment;
        if ((fragment.Digest[0] & BoundaryMask) == 0 || _openCount == MaxChunk)
        {
            CloseChunk();
        }
    }

    public (ReadOnlyMemory<byte>[][] Chunks, string Sha, Dictionary<ChunkKey, Chunk> Used) Finish()
    {
        CloseChunk();
        var sha = Convert.ToHexStringLower(SHA256.HashData(_hashed.AsSpan(0, _hashedLength)));
        return ([.. _chunks], sha, _used);
    }

    public readonly void Return()
    {
        ArrayPool<Fragment>.Shared.Return(_open, clearArray: true);
        ArrayPool<byte>.Shared.Return(_hashed);
    }

    private void CloseChunk()
    {
        if (_openCount == 0)
        {
            return;
        }

        var probe = new ChunkKey(_open, _openCount, _openStartsList);
        if (!previous.TryGetValue(probe, out var chunk) && !_used.TryGetValue(probe, out chunk))
        {
            chunk = Chunk.Of(_open.AsSpan(0, _openCount), _openStartsList);
            ChunksHashed++;
        }

        _used.TryAdd(chunk.Key, chunk);
        _chunks.Add(chunk.Segments);
        Hash(chunk.Digest);
        _open.AsSpan(0, _openCount).Clear();
        _openCount = 0;
    }

    private void Hash(ReadOnlySpan<byte> bytes)
    {
        if (_hashedLength + bytes.Length > _hashed.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_hashed.Length * 2, _hashedLength + bytes.Length));
            _hashed.AsSpan(0, _hashedLength).CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_hashed);
            _hashed = larger;
        }

        bytes.CopyTo(_hashed.AsSpan(_hashedLength));
        _hashedLength += bytes.Length;
    }
}

/// <summary>A chunk of consecutive entities: its pieces (the first without a comma when it opens a list) and digest.</summary>
internal sealed class Chunk(ChunkKey key, ReadOnlyMemory<byte>[] segments, byte[] digest)
{
    public ChunkKey Key { get; } = key;
    public ReadOnlyMemory<byte>[] Segments { get; } = segments;
    public byte[] Digest { get; } = digest;

    public static Chunk Of(ReadOnlySpan<Fragment> fragments, bool startsList)
    {
        var segments = new ReadOnlyMemory<byte>[fragments.Length];
        var rented = ArrayPool<byte>.Shared.Rent(fragments.Length * SHA256.HashSizeInBytes);
        try
        {
            var digests = rented.AsSpan(0, fragments.Length * SHA256.HashSizeInBytes);
            for (var i = 0; i < fragments.Length; i++)
            {
                segments[i] = i == 0 && startsList ? fragments[i].Json : fragments[i].WithComma;
                fragments[i].Digest.CopyTo(digests[(i * SHA256.HashSizeInBytes)..]);
            }

            return new Chunk(new ChunkKey(fragments.ToArray(), fragments.Length, startsList), segments, SHA256.HashData(digests));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}

/// <summary>
/// Identifies a chunk by the entity pieces it holds (by reference: a piece belongs to one immutable entity object) and
/// whether it opens a list. A look-up key views the builder's buffer; a stored key owns an exact-size copy.
/// </summary>
internal readonly struct ChunkKey(Fragment[] fragments, int count, bool startsList)
{
    public static readonly IEqualityComparer<ChunkKey> Comparer = new ByReference();

    private readonly Fragment[] _fragments = fragments;
    private readonly int _count = count;
    private readonly bool _startsList = startsList;

    private sealed class ByReference : IEqualityComparer<ChunkKey>
    {
        public bool Equals(ChunkKey x, ChunkKey y)
        {
            if (x._count != y._count || x._startsList != y._startsList)
            {
                return false;
            }

            for (var i = 0; i < x._count; i++)
            {
                if (!ReferenceEquals(x._fragments[i], y._fragments[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(ChunkKey key)
        {
            var hash = new HashCode();
            hash.Add(key._startsList);
            for (var i = 0; i < key._count; i++)
            {
                hash.Add(RuntimeHelpers.GetHashCode(key._fragments[i]));
            }

            return hash.ToHashCode();
        }
    }
}
