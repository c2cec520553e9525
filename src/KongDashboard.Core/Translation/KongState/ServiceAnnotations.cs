using System.Globalization;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Translation.Ingress;

namespace KongDashboard.Core.Translation.KongState;

/// <summary>Kubernetes Service annotations → Kong service fields (kongstate/service.go: overrideByAnnotation).</summary>
internal static class ServiceAnnotations
{
    public static KongService Apply(KongService service, IDictionary<string, string>? a, ObjectRef self, List<TranslationFailure> failures)
    {
        if (a is null || a.Count == 0)
        {
            return service;
        }
        if (Annotations.Get(a, Annotations.Protocol) is { Length: > 0 } protocol)
        {
            if (RouteAnnotations.IsValidProtocol(protocol))
            {
                service = service with { Protocol = protocol };
            }
            else
            {
                failures.Add(new TranslationFailure($"konghq.com/protocol annotation has invalid value: {protocol}", [self]));
            }
        }
        if (Annotations.Get(a, Annotations.Path) is { Length: > 0 } path && path.StartsWith('/'))
        {
            service = service with { Path = path };
        }
        if (Int(a, Annotations.ConnectTimeout) is { } connect) service = service with { ConnectTimeout = connect };
        if (Int(a, Annotations.WriteTimeout) is { } write) service = service with { WriteTimeout = write };
        if (Int(a, Annotations.ReadTimeout) is { } read) service = service with { ReadTimeout = read };
        if (Int(a, Annotations.Retries) is { } retries) service = service with { Retries = retries };
        if (GoBool.TryParse(Annotations.Get(a, Annotations.TlsVerify), out var tlsVerify))
        {
            service = service with { TlsVerify = tlsVerify };
        }
        if (Int(a, Annotations.TlsVerifyDepth) is { } depth) service = service with { TlsVerifyDepth = depth };
        if (service.Protocol is "grpc" or "grpcs")
        {
            // grpc(s) services don't accept a path.
            service = service with { Path = null };
        }
        return service;
    }

    private static int? Int(IDictionary<string, string> a, string key) =>
        a.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i) ? i : null;
}
