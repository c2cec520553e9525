using System.Collections.Immutable;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using KongDashboard.Core.Kong;

namespace KongDashboard.Core.Events;

/// <summary>
/// Reads the core/v1 Events about one object straight from the API server. Events are not a translation input, so
/// they stay out of the cluster store: a drawer reads them while it is open and forgets them when it closes.
/// </summary>
public static class ObjectEventReader
{
    /// <summary>
    /// The field selector the kube-apiserver supports for Events (involvedObject.kind / .name / .namespace are
    /// selectable fields of core/v1 Event). A cluster-scoped object has an empty involvedObject.namespace.
    /// </summary>
    public static string Selector(string kind, string? ns, string name) =>
        $"involvedObject.kind={kind},involvedObject.name={name},involvedObject.namespace={ns ?? ""}";

    /// <summary>
    /// The Events about <paramref name="kind"/> <paramref name="ns"/>/<paramref name="name"/>, newest first. The
    /// Events of a namespaced object live in its namespace; those of a cluster-scoped one in any (client-go writes
    /// them to "default"), so that case lists across namespaces.
    /// </summary>
    public static async Task<ObjectEventsReading> ReadAsync(IKubernetes client, string kind, string? ns, string name, CancellationToken cancellationToken)
    {
        var selector = Selector(kind, ns, name);
        var scope = string.IsNullOrEmpty(ns) ? "all namespaces" : $"namespace {ns}";
        try
        {
            var list = string.IsNullOrEmpty(ns)
                ? await client.CoreV1.ListEventForAllNamespacesAsync(fieldSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await client.CoreV1.ListNamespacedEventAsync(ns, fieldSelector: selector, cancellationToken: cancellationToken).ConfigureAwait(false);
            var events = list.Items
                .Select(ToObjectEvent)
                .OrderByDescending(e => e.LastSeen ?? DateTimeOffset.MinValue)
                .ToImmutableArray();
            return new ObjectEventsReading(events, null);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            return ObjectEventsReading.Failed(
                $"Not allowed to list Events in {scope}: the dashboard's service account needs the \"list\" verb on \"events\" (core/v1, apiGroup \"\").");
        }
        catch (HttpOperationException e)
        {
            return ObjectEventsReading.Failed($"Could not list the Events of {kind} {ns}/{name}: {(int)e.Response.StatusCode} {SecretRedactor.Scrub(e.Response.Content ?? e.Message)}");
        }
        catch (HttpRequestException e)
        {
            return ObjectEventsReading.Failed($"Could not list the Events of {kind} {ns}/{name}: the API server is unreachable ({e.Message}).");
        }
    }

    private static ObjectEvent ToObjectEvent(Corev1Event e) => new(
        e.Type ?? "Normal",
        e.Reason ?? "",
        // Our own Events are scrubbed when written; Kubernetes' and other controllers' are scrubbed here anyway.
        SecretRedactor.Scrub(e.Message ?? ""),
        e.Count ?? (e.Series?.Count) ?? 1,
        LastSeen(e),
        Source(e));

    private static DateTimeOffset? LastSeen(Corev1Event e) =>
        (e.LastTimestamp ?? e.Series?.LastObservedTime ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata?.CreationTimestamp) is { } t
            ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))
            : null;

    private static string Source(Corev1Event e)
    {
        var component = e.Source?.Component is { Length: > 0 } c ? c : e.ReportingComponent ?? "";
        var host = e.Source?.Host is { Length: > 0 } h ? h : null;
        return host is null ? component : $"{component}, {host}";
    }
}
