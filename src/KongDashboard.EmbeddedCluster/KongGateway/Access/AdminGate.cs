using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace KongDashboard.EmbeddedCluster.KongGateway.Access;

/// <summary>
/// The checks a hardened Kong Admin API makes before a request reaches Kong's routes, in nginx's order:
/// the client certificate (<c>ssl_verify_client on</c>: nginx's 400 pages 495/496), the Host
/// (<c>if ($host !~ …) { return 400; }</c> injected through an nginx_admin_ directive: nginx's plain 400 page — Kong
/// itself never checks Host), then Kong Enterprise RBAC's token (401 <c>{"message":"Invalid RBAC credentials"}</c>).
/// </summary>
internal static class AdminGate
{
    public const string TokenHeader = "Kong-Admin-Token";

    // nginx src/http/ngx_http_special_response.c error pages with Kong's `server_tokens off` tail (openresty)
    private const string Tail = "<hr><center>openresty</center>\r\n</body>\r\n</html>\r\n";
    private const string BadRequestPage = "<html>\r\n<head><title>400 Bad Request</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n" + Tail;
    private const string NoCertificatePage = "<html>\r\n<head><title>400 No required SSL certificate was sent</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>No required SSL certificate was sent</center>\r\n" + Tail;
    private const string BadCertificatePage = "<html>\r\n<head><title>400 The SSL certificate error</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The SSL certificate error</center>\r\n" + Tail;

    /// <summary>Writes the refusal and returns true when the request may not reach the Admin API.</summary>
    public static async Task<bool> RefuseAsync(EmbeddedKongGateway gateway, HttpContext context)
    {
        var options = gateway.Options;
        if (options.Security.ClientCertificateAuthority is { } authority)
        {
            var certificate = await context.Connection.GetClientCertificateAsync(context.RequestAborted);
            if (certificate is null)
            {
                await WritePageAsync(context, NoCertificatePage);
                return true;
            }
            if (!KongAdminAuthority.IsValidClient(authority, certificate, options.Time.GetUtcNow()))
            {
                await WritePageAsync(context, BadCertificatePage);
                return true;
            }
        }
        if (options.CheckHost && !IsOwnHost(context.Request.Host, gateway.AdminAddress))
        {
            await WritePageAsync(context, BadRequestPage);
            return true;
        }
        if (options.Security.Token is { } token && !TokenMatches(context.Request.Headers[TokenHeader].ToString(), token))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            context.Response.Headers.Server = $"kong/{options.Version}";
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.WriteAsync("""{"message":"Invalid RBAC credentials"}""", Encoding.UTF8, context.RequestAborted);
            return true;
        }
        return false;
    }

    /// <summary>The Admin API's own IP literal or localhost, on its own port when a port is given.</summary>
    internal static bool IsOwnHost(HostString host, Uri admin)
    {
        if (!host.HasValue)
        {
            return false;
        }
        if (host.Port is { } port && port != admin.Port)
        {
            return false;
        }
        var name = host.Host;
        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return IPAddress.TryParse(name.Trim('[', ']'), out var ip) && IPAddress.TryParse(admin.Host.Trim('[', ']'), out var own) && ip.Equals(own);
    }

    private static bool TokenMatches(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));

    private static async Task WritePageAsync(HttpContext context, string page)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.Headers.Server = "openresty";
        context.Response.ContentType = "text/html";
        await context.Response.WriteAsync(page, Encoding.ASCII, context.RequestAborted);
    }
}
