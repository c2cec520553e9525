using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster;

/// <summary>
/// A failure with the exact meta/v1 Status the real API server would answer. The store throws it and the
/// REST layer serialises <see cref="ToStatus"/> as the body, so in-process and HTTP callers see the same errors.
/// </summary>
public sealed class ApiException(int code, string reason, string message, string? name = null, ResourceKind? kind = null)
    : Exception(message)
{
    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public string? Name { get; } = name;
    public ResourceKind? Kind { get; } = kind;

    public JsonObject ToStatus() => StatusBody.Failure(Code, Reason, Message, Name, Kind);

    public static ApiException NotFound(ResourceKind kind, string name) =>
        new(404, "NotFound", $"{kind.GroupResource} \"{name}\" not found", name, kind);

    public static ApiException AlreadyExists(ResourceKind kind, string name) =>
        new(409, "AlreadyExists", $"{kind.GroupResource} \"{name}\" already exists", name, kind);

    public static ApiException Conflict(ResourceKind kind, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {kind.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            name, kind);

    public static ApiException Invalid(ResourceKind kind, string name, string detail) =>
        new(422, "Invalid", $"{kind.Kind} \"{name}\" is invalid: {detail}", name, kind);

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException Expired(string fromRv, long oldest) =>
        new(410, "Expired", $"too old resource version: {fromRv} ({oldest})");
}

/// <summary>Builders for meta/v1 Status documents.</summary>
public static class StatusBody
{
    public static JsonObject Failure(int code, string reason, string message, string? name = null, ResourceKind? kind = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (name is not null)
        {
            var details = new JsonObject { ["name"] = name };
            if (kind is not null)
            {
                if (kind.Group.Length > 0) details["group"] = kind.Group;
                details["kind"] = kind.Plural;
            }
            status["details"] = details;
        }
        status["code"] = code;
        return status;
    }

    public static JsonObject Success(ResourceKind kind, string name, string? uid) => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject
        {
            ["name"] = name,
            ["group"] = kind.Group,
            ["kind"] = kind.Plural,
            ["uid"] = uid,
        },
    };
}
