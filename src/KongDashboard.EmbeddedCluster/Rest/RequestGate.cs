using System.Net;
using System.Security.Cryptography;
using System.Text;
using KongDashboard.EmbeddedCluster.Store;
using Microsoft.AspNetCore.Http;

namespace KongDashboard.EmbeddedCluster.Rest;

/// <summary>
/// What stands in front of every request: the Host must be loopback (a page on another site that rebinds its DNS
/// name to 127.0.0.1 must not reach the cluster), and the caller must present the per-start bearer token. Failures
/// answer as kube-apiserver's authentication filter does: 401 with the Status <c>Unauthorized</c>
/// (apiserver/pkg/endpoints/filters/authentication.go, responsewriters.Unauthorized).
/// </summary>
internal sealed class RequestGate(string token)
{
    private readonly byte[] _expected = Encoding.UTF8.GetBytes("Bearer " + token);

    /// <summary>Health probes carry no credentials on real clusters either (anonymous public-info paths).</summary>
    private static readonly HashSet<string> AnonymousPaths = ["/healthz", "/livez", "/readyz"];

    /// <summary>Null when the request may proceed, else the status code and body to answer with.</summary>
    public (int Code, System.Text.Json.Nodes.JsonObject Body)? Check(HttpRequest request)
    {
        if (!IsLoopbackHost(request.Host.Host))
        {
            return (403, StatusBody.Failure(403, "Forbidden",
                $"host \"{request.Host.Host}\" is not allowed: the embedded API server only answers requests addressed to a loopback host (127.0.0.1, localhost, [::1])"));
        }

        var authorization = request.Headers.Authorization.ToString();
        if (authorization.Length == 0 && AnonymousPaths.Contains(request.Path.Value?.TrimEnd('/') ?? ""))
        {
            return null;
        }

        var presented = Encoding.UTF8.GetBytes(authorization);
        if (presented.Length == _expected.Length && CryptographicOperations.FixedTimeEquals(presented, _expected))
        {
            return null;
        }

        return (401, StatusBody.Failure(401, "Unauthorized", "Unauthorized"));
    }

    private static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
        IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
}
