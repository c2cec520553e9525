using KongDashboard.EmbeddedCluster.Store;
namespace KongDashboard.EmbeddedCluster;

/// <summary>
/// API-server fault switches, each answering as a real cluster would in that situation:
/// a CRD that is not installed (its resources vanish from discovery and OpenAPI, its paths 404), RBAC that does not
/// grant a resource (403 Forbidden with the authorizer's message), and API Priority and Fairness rejecting requests
/// (429, plain text, Retry-After; apiserver/pkg/server/filters/priority-and-fairness.go:308-318, 377-381).
/// </summary>
public sealed partial class FaultInjector
{
    private readonly HashSet<string> _omittedResources = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _deniedResources = new(StringComparer.OrdinalIgnoreCase);
    private int _throttled;
    private int _throttleRetryAfter = 1;

    /// <summary>The user the denial message names (the embedded server's token user).</summary>
    public string DeniedUser { get; set; } = "system:serviceaccount:kong:kong-dashboard";

    /// <summary>Acts as if the CRD of <paramref name="groupResource"/> ("kongplugins.configuration.konghq.com") were not installed.</summary>
    public void OmitCustomResource(string groupResource)
    {
        lock (_gate)
        {
            _omittedResources.Add(groupResource);
        }
    }

    /// <summary>Refuses every verb on <paramref name="groupResource"/> ("secrets", "ingresses.networking.k8s.io") with 403.</summary>
    public void DenyResource(string groupResource)
    {
        lock (_gate)
        {
            _deniedResources.Add(groupResource);
        }
    }

    /// <summary>Answers the next <paramref name="count"/> requests with APF's 429 and <c>Retry-After</c>.</summary>
    public void Throttle(int count, int retryAfterSeconds = 1)
    {
        lock (_gate)
        {
            _throttled = count;
            _throttleRetryAfter = retryAfterSeconds;
        }
    }

    /// <summary>Applies switches from settings (e.g. the demo's configuration).</summary>
    public void Apply(ApiServerFaultSettings settings)
    {
        foreach (var resource in settings.OmitCustomResources)
        {
            OmitCustomResource(resource);
        }

        foreach (var resource in settings.DenyResources)
        {
            DenyResource(resource);
        }

        if (settings.ThrottleRequests > 0)
        {
            Throttle(settings.ThrottleRequests, settings.ThrottleRetryAfterSeconds);
        }
    }

    private void ClearApiServerSwitches()
    {
        _omittedResources.Clear();
        _deniedResources.Clear();
        _throttled = 0;
    }

    internal bool IsOmitted(ResourceKind kind)
    {
        if (!kind.Custom)
        {
            return false;
        }

        lock (_gate)
        {
            return _omittedResources.Count > 0 && _omittedResources.Contains(kind.GroupResource);
        }
    }

    internal bool IsDenied(ResourceKind kind)
    {
        lock (_gate)
        {
            return _deniedResources.Count > 0 && _deniedResources.Contains(kind.GroupResource);
        }
    }

    /// <summary>Retry-After seconds when this request is to be throttled, else null.</summary>
    internal int? TakeThrottle()
    {
        lock (_gate)
        {
            if (_throttled <= 0)
            {
                return null;
            }

            _throttled--;
            return _throttleRetryAfter;
        }
    }
}

/// <summary>API-server fault switches as settings (bound from configuration by the host: <c>Cluster:Embedded:Faults:*</c>).</summary>
public sealed class ApiServerFaultSettings
{
    /// <summary>"kongplugins.configuration.konghq.com": CRDs to act as not installed.</summary>
    public string[] OmitCustomResources { get; set; } = [];

    /// <summary>"secrets", "ingresses.networking.k8s.io": resources RBAC does not grant.</summary>
    public string[] DenyResources { get; set; } = [];

    /// <summary>How many requests, from the start, APF answers with 429.</summary>
    public int ThrottleRequests { get; set; }

    public int ThrottleRetryAfterSeconds { get; set; } = 1;
}
