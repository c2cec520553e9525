using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace KongDashboard.EmbeddedCluster.Tests.TestSupport;

/// <summary>Asserts that a real-client call fails with a status code and returns the Status body it carried.</summary>
internal static class Failures
{
    public static async Task<V1Status> FailsWith<T>(HttpStatusCode code, Func<Task<T>> call)
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(call);
        Assert.True(code == e.Response.StatusCode, $"expected {(int)code}, got {(int)e.Response.StatusCode}: {e.Response.Content}");
        return KubernetesJson.Deserialize<V1Status>(e.Response.Content);
    }
}
