using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using KongDashboard.Core.Cluster;

namespace KongDashboard.Core.Sync;

/// <summary>Kong's 400 body for a rejected declarative configuration with <c>flatten_errors=1</c>.</summary>
public sealed record KongConfigErrorBody
{
    [JsonPropertyName("code")] public int? Code { get; init; }
    [JsonPropertyName("name")] public string? Name { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("flattened_errors")] public List<FlattenedEntityError>? FlattenedErrors { get; init; }
}

public sealed record FlattenedEntityError
{
    [JsonPropertyName("entity_type")] public string? EntityType { get; init; }
    [JsonPropertyName("entity_name")] public string? EntityName { get; init; }
    [JsonPropertyName("entity_id")] public string? EntityId { get; init; }
    [JsonPropertyName("entity_tags")] public List<string>? EntityTags { get; init; }
    [JsonPropertyName("errors")] public List<FlattenedFieldError>? Errors { get; init; }
}

public sealed record FlattenedFieldError
{
    [JsonPropertyName("type")] public string? Type { get; init; }
    [JsonPropertyName("field")] public string? Field { get; init; }
    [JsonPropertyName("message")] public string? Message { get; init; }
    [JsonPropertyName("messages")] public List<string>? Messages { get; init; }
}

/// <summary>One problem Kong reported, mapped back to the Kubernetes object that produced the entity.</summary>
public sealed record KongRejection(string EntityType, string? EntityName, string Message, ObjectRef? Object);

/// <summary>
/// Reads Kong's flattened errors and maps each entity back to its Kubernetes object through the <c>k8s-*</c> tags, with
/// KIC's messages (sendconfig/inmemory_error_handling.go): "invalid &lt;field&gt;: msg" or "invalid &lt;type&gt;:&lt;name&gt;: msg".
/// </summary>
public static class KongConfigErrors
{
    public static KongConfigErrorBody? Parse(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<KongConfigErrorBody>(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static ImmutableArray<KongRejection> Rejections(KongConfigErrorBody? body)
    {
        var rejections = ImmutableArray.CreateBuilder<KongRejection>();
        foreach (var entity in body?.FlattenedErrors ?? [])
        {
            var owner = ObjectFromTags(entity.EntityTags);
            foreach (var error in entity.Errors ?? [])
            {
                foreach (var message in error.Messages is { Count: > 0 } messages ? messages : [error.Message ?? ""])
                {
                    var text = error.Field is { Length: > 0 } field
                        ? $"invalid {field}: {message}"
                        : $"invalid {entity.EntityType}:{entity.EntityName}: {message}";
                    rejections.Add(new KongRejection(entity.EntityType ?? "", entity.EntityName, text, owner));
                }
            }
        }

        return rejections.ToImmutable();
    }

    /// <summary>KIC requires name, kind, version and uid tags (namespace except for cluster-scoped kinds); else the error is only logged.</summary>
    public static ObjectRef? ObjectFromTags(IReadOnlyList<string>? tags)
    {
        string? name = null, ns = null, kind = null, group = null, version = null, uid = null;
        foreach (var tag in tags ?? [])
        {
            var colon = tag.IndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var value = tag[(colon + 1)..];
            switch (tag[..colon])
            {
                case "k8s-name": name = value; break;
                case "k8s-namespace": ns = value; break;
                case "k8s-kind": kind = value; break;
                case "k8s-group": group = value; break;
                case "k8s-version": version = value; break;
                case "k8s-uid": uid = value; break;
            }
        }

        if (name is null || kind is null || version is null || uid is null)
        {
            return null;
        }

        return new ObjectRef(group is "core" ? "" : group ?? "", version, kind, ns ?? "", name, uid);
    }
}
