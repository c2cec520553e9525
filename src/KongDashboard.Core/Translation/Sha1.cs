using System.Buffers.Binary;
using System.Numerics;

namespace KongDashboard.Core.Translation;

/// <summary>
/// SHA-1 (FIPS 180-4) of short inputs, for name-based UUIDs only (not for security). The platform's one-shot hash
/// goes through OpenSSL, whose per-call setup costs microseconds; a cold translation makes two ids per Ingress and
/// Service, where that setup was the largest single cost.
/// </summary>
internal static class Sha1
{
    public static void HashData(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        uint h0 = 0x67452301, h1 = 0xEFCDAB89, h2 = 0x98BADCFE, h3 = 0x10325476, h4 = 0xC3D2E1F0;
        Span<uint> w = stackalloc uint[80];
        Span<byte> tail = stackalloc byte[128];

        var full = data.Length / 64 * 64;
        for (var offset = 0; offset < full; offset += 64)
        {
            Block(data.Slice(offset, 64), w, ref h0, ref h1, ref h2, ref h3, ref h4);
        }
        // Padding: 0x80, zeros, then the bit length big-endian in the last 8 bytes of one or two blocks.
        var rest = data[full..];
        var tailLength = rest.Length < 56 ? 64 : 128;
        tail[..tailLength].Clear();
        rest.CopyTo(tail);
        tail[rest.Length] = 0x80;
        BinaryPrimitives.WriteUInt64BigEndian(tail.Slice(tailLength - 8, 8), (ulong)data.Length * 8);
        for (var offset = 0; offset < tailLength; offset += 64)
        {
            Block(tail.Slice(offset, 64), w, ref h0, ref h1, ref h2, ref h3, ref h4);
        }

        BinaryPrimitives.WriteUInt32BigEndian(destination, h0);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], h1);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], h2);
        BinaryPrimitives.WriteUInt32BigEndian(destination[12..], h3);
        BinaryPrimitives.WriteUInt32BigEndian(destination[16..], h4);
    }

    private static void Block(ReadOnlySpan<byte> block, Span<uint> w, ref uint h0, ref uint h1, ref uint h2, ref uint h3, ref uint h4)
    {
        for (var i = 0; i < 16; i++)
        {
            w[i] = BinaryPrimitives.ReadUInt32BigEndian(block.Slice(i * 4, 4));
        }

        for (var i = 16; i < 80; i++)
        {
            w[i] = BitOperations.RotateLeft(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
        }

        uint a = h0, b = h1, c = h2, d = h3, e = h4;
        for (var i = 0; i < 80; i++)
        {
            uint f, k;
            if (i < 20)
            {
                (f, k) = ((b & c) | (~b & d), 0x5A827999);
            }
            else if (i < 40)
            {
                (f, k) = (b ^ c ^ d, 0x6ED9EBA1);
            }
            else if (i < 60)
            {
                (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1BBCDC);
            }
            else
            {
                (f, k) = (b ^ c ^ d, 0xCA62C1D6);
            }

            var temp = BitOperations.RotateLeft(a, 5) + f + e + k + w[i];
            e = d;
            d = c;
            c = BitOperations.RotateLeft(b, 30);
            b = a;
            a = temp;
        }
        h0 += a;
        h1 += b;
        h2 += c;
        h3 += d;
        h4 += e;
    }
}
