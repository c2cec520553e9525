using System.Security.Claims;

namespace KongDashboard.Audit;

/// <summary>
/// Who is calling, per scope. In a Blazor circuit there is no HttpContext, so the circuit's root component sets the
/// user and the address it connected from; in an HTTP request (API, hub) they come from the request.
/// </summary>
public sealed class ActionCaller(IHttpContextAccessor http)
{
    private ClaimsPrincipal? _user;
    private string? _remoteAddress;

    public ClaimsPrincipal User => _user ?? http.HttpContext?.User ?? new ClaimsPrincipal(new ClaimsIdentity());

    public string? RemoteAddress => _remoteAddress ?? http.HttpContext?.Connection.RemoteIpAddress?.ToString();

    public void Set(ClaimsPrincipal user, string? remoteAddress)
    {
        _user = user;
        _remoteAddress = remoteAddress;
    }
}
