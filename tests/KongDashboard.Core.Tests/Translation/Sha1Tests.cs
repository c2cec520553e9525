using System.Security.Cryptography;
using KongDashboard.Core.Translation;

namespace KongDashboard.Core.Tests.Translation;

public class Sha1Tests
{
    [Fact]
    public void MatchesThePlatformSha1_AcrossBlockBoundaries()
    {
        var random = new Random(7);
        for (var length = 0; length < 300; length++)
        {
            var data = new byte[length];
            random.NextBytes(data);
            var actual = new byte[20];
            Sha1.HashData(data, actual);
            Assert.Equal(SHA1.HashData(data), actual);
        }
    }

    [Fact]
    public void Uuid5_MatchesTheRfc4122ConstructionOverThePlatformSha1()
    {
        var ns = Guid.Parse("fd02801f-0957-4a15-a55a-c8d9606f30b5").ToByteArray(bigEndian: true);
        foreach (var name in new[] { "", "services", "default.echo.80", "ns-1.app-1.app-1.app-1.example.com.80", new string('x', 600) })
        {
            var hash = SHA1.HashData([.. ns, .. System.Text.Encoding.UTF8.GetBytes(name)]);
            hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
            hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
            Assert.Equal(new Guid(hash.AsSpan(0, 16), bigEndian: true).ToString(), KongIds.Uuid5(ns, name));
        }
    }
}
