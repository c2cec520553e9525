using System.Net;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>
/// Hands out distinct 127.x.y.z addresses (all loopback on Linux) so every simulated Kong pod can have its own pod IP
/// and the real Admin API port 8001, like pods in a cluster. Process-wide, starting at a random point so several
/// processes on one machine rarely meet; a taken address is simply skipped by the caller.
/// </summary>
internal static class LoopbackAddresses
{
    private static int _next = Random.Shared.Next(0, 1 << 20);

    public static IPAddress Next()
    {
        // 127.64.0.0/10 with the last octet in 1..254: far from 127.0.0.1 and from broadcast-looking values.
        var n = Interlocked.Increment(ref _next) & ((1 << 22) - 1);
        var last = (n % 254) + 1;
        var rest = n / 254;
        return new IPAddress([127, (byte)(64 + ((rest >> 8) & 63)), (byte)(rest & 255), (byte)last]);
    }
}
