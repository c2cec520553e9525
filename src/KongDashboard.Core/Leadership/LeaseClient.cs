using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KongDashboard.Core.Leadership;

/// <summary>GET / create / PUT of one Lease. A PUT carries the fetched resourceVersion, so a concurrent writer gets 409.</summary>
internal sealed class LeaseClient(IKubernetes client, string @namespace, string name)
{
    public async Task<V1Lease?> GetAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoordinationV1.ReadNamespacedLeaseAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Null when someone else created it first (409).</summary>
    public async Task<V1Lease?> CreateAsync(V1LeaseSpec spec, CancellationToken cancellationToken)
    {
        var lease = new V1Lease { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = @namespace }, Spec = spec };
        try
        {
            return await client.CoordinationV1.CreateNamespacedLeaseAsync(lease, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    /// <summary>Null when the Lease changed since it was read (409: lost the race).</summary>
    public async Task<V1Lease?> ReplaceAsync(V1Lease lease, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    public static string Describe(Exception error) => error switch
    {
        HttpOperationException http => $"HTTP {(int)http.Response.StatusCode} {Truncate(http.Response.Content)}",
        OperationCanceledException => "timed out",
        _ => error.Message,
    };

    private static string Truncate(string? text) => text is null ? "" : text.Length <= 200 ? text : text[..200] + "…";
}
