using System.Net;
using System.Net.Http.Headers;
using k8s;

namespace KongDashboard.Core.Kubernetes;

/// <summary>An API request that failed, with the server's status and its <c>Status</c> message.</summary>
public sealed class KubeApiException(HttpStatusCode status, string message) : Exception(message)
{
    public HttpStatusCode StatusCode { get; } = status;
}

/// <summary>
/// The list/watch requests of a <see cref="WatchedKind"/> on KubernetesClient's own HttpClient and credentials, read as
/// raw JSON so that the reflector decodes object by object (one undecodable object never breaks its kind) and sees
/// every status code and header (410, 403/404 of an absent kind, 429 with <c>Retry-After</c>).
/// </summary>
public static class KubeApiPaths
{
    /// <summary>The cluster-wide collection path: <c>api/v1/services</c>, <c>apis/networking.k8s.io/v1/ingresses</c>.</summary>
    public static string Collection(WatchedKind kind) =>
        kind.Group.Length == 0 ? $"api/{kind.Version}/{kind.Plural}" : $"apis/{kind.Group}/{kind.Version}/{kind.Plural}";

    public static async Task<HttpResponseMessage> SendAsync(IKubernetes client, string pathAndQuery, bool stream, CancellationToken cancellationToken)
    {
        if (client is not k8s.Kubernetes kubernetes)
        {
            throw new NotSupportedException($"{client.GetType().Name}: list and watch need KubernetesClient's Kubernetes client");
        }

        var baseUri = kubernetes.BaseUri.ToString().TrimEnd('/') + "/";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(baseUri), pathAndQuery));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (kubernetes.Credentials is { } credentials)
        {
            await credentials.ProcessHttpRequestAsync(request, cancellationToken).ConfigureAwait(false);
        }

        return await kubernetes.HttpClient.SendAsync(
            request, stream ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The <c>Retry-After</c> of a 429 (or 503) answer, as API Priority and Fairness and Kong send it.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        if (response.StatusCode is not (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable))
        {
            return null;
        }

        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        return header?.Date is { } date ? date - time.GetUtcNow() : TimeSpan.FromSeconds(1);
    }

    /// <summary>The error an unsuccessful answer stands for, with the message of its <c>Status</c> body when it has one.</summary>
    public static async Task<KubeApiException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var message = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}";
        try
        {
            using var doc = System.Text.Json.JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("message", out var m) && m.GetString() is { Length: > 0 } text)
            {
                message = $"{message}: {text}";
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not a Status body: the code says enough.
        }

        return new KubeApiException(response.StatusCode, message);
    }
}
