using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s.Models;

namespace KongDashboard.Core.Leadership;

/// <summary>
/// Hand-off requests and results live as annotations on the Lease: annotations survive every renewal (a PUT of the
/// fetched object), can be written by `kubectl annotate lease`, and need no CRD. spec.preferredHolder would be dropped
/// by API servers without the CoordinatedLeaderElection gate.
/// </summary>
public static class LeaseAnnotations
{
    public const string HandOffTo = "kong-dashboard.io/handoff-to";
    public const string RequestedBy = "kong-dashboard.io/handoff-requested-by";
    public const string RequestedAt = "kong-dashboard.io/handoff-requested-at";
    public const string Result = "kong-dashboard.io/handoff-result";

    /// <summary>"any": hand over to any other ready candidate.</summary>
    public const string AnyCandidate = "any";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>
    /// Asks the leader to hand over: the one writer of a hand-off request (dashboard action, measurement, tests). A
    /// merge patch of the annotations only, so it never races the leader's renewals of the spec.
    /// </summary>
    public static Task RequestHandOffAsync(
        k8s.IKubernetes client, string @namespace, string leaseName, string target, string requestedBy, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        var annotations = new Dictionary<string, string>
        {
            [HandOffTo] = target.Trim(),
            [RequestedBy] = requestedBy,
            [RequestedAt] = FormatTime(at),
        };
        var patch = new V1Patch(JsonSerializer.Serialize(new { metadata = new { annotations } }), V1Patch.PatchType.MergePatch);
        return k8s.CoordinationV1OperationsExtensions.PatchNamespacedLeaseAsync(client.CoordinationV1, patch, leaseName, @namespace, cancellationToken: cancellationToken);
    }

    public static HandOffRequest? Request(V1Lease? lease)
    {
        var annotations = lease?.Metadata?.Annotations;
        if (annotations is null || !annotations.TryGetValue(HandOffTo, out var target) || string.IsNullOrWhiteSpace(target))
        {
            return null;
        }

        return new HandOffRequest(target.Trim(), Get(lease, RequestedBy), ParseTime(Get(lease, RequestedAt)));
    }

    public static HandOffResult? ResultOf(V1Lease? lease) =>
        Get(lease, Result) is { Length: > 0 } text ? ParseResult(text) : null;

    /// <summary>The term the result handed to (its leaseTransitions), so the new leader knows the result is about its term.</summary>
    public static int? ResultTerm(V1Lease? lease) =>
        Get(lease, Result) is { Length: > 0 } text ? Deserialize(text)?.Term : null;

    public static string? Get(V1Lease? lease, string key) =>
        lease?.Metadata?.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    /// <summary>Removes the request and records <paramref name="result"/> (mutates the fetched copy before a PUT).</summary>
    public static void Complete(V1Lease lease, HandOffResult result, int? term)
    {
        lease.Metadata.Annotations ??= new Dictionary<string, string>();
        lease.Metadata.Annotations.Remove(HandOffTo);
        lease.Metadata.Annotations.Remove(RequestedBy);
        lease.Metadata.Annotations.Remove(RequestedAt);
        lease.Metadata.Annotations[Result] = Format(result, term);
    }

    public static void SetResult(V1Lease lease, HandOffResult result, int? term)
    {
        lease.Metadata.Annotations ??= new Dictionary<string, string>();
        lease.Metadata.Annotations[Result] = Format(result, term);
    }

    public static string FormatTime(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    public static DateTimeOffset? ParseTime(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;

    private static string Format(HandOffResult result, int? term) => JsonSerializer.Serialize(new ResultDto
    {
        Outcome = result.Outcome,
        Target = result.Target,
        From = result.From,
        RequestedBy = result.RequestedBy,
        RequestedAt = result.RequestedAt,
        At = result.At,
        Reason = result.Reason,
        FirstPushAt = result.FirstPushAt,
        Term = term,
    }, Json);

    private static HandOffResult? ParseResult(string text) => Deserialize(text) is { } dto
        ? new HandOffResult(dto.Outcome, dto.Target ?? "", dto.From ?? "", dto.RequestedBy, dto.RequestedAt, dto.At, dto.Reason) { FirstPushAt = dto.FirstPushAt }
        : null;

    private static ResultDto? Deserialize(string text)
    {
        try
        {
            return JsonSerializer.Deserialize<ResultDto>(text, Json);
        }
        catch (JsonException)
        {
            return null; // hand-edited: ignore rather than fail the elector
        }
    }

    private sealed record ResultDto
    {
        public HandOffOutcome Outcome { get; init; }
        public string? Target { get; init; }
        public string? From { get; init; }
        public string? RequestedBy { get; init; }
        public DateTimeOffset? RequestedAt { get; init; }
        public DateTimeOffset At { get; init; }
        public string? Reason { get; init; }
        public DateTimeOffset? FirstPushAt { get; init; }
        public int? Term { get; init; }
    }
}
