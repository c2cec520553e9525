using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Store;

/// <summary>
/// A failure with the exact meta/v1 Status the real API server would answer. The store throws it and the
/// REST layer serialises <see cref="ToStatus"/> as the body, so in-process and HTTP callers see the same errors.
/// </summary>
public sealed class ApiException(int code, string reason, string message, string? name = null, ResourceKind? kind = null)
    : Exception(message)
{
    /// <summary>details.causes; set for 422 Invalid and the Terminating-namespace 403.</summary>
    public IReadOnlyList<JsonObject> Causes { get; init; } = [];

    /// <summary>Invalid bodies name the Kind in details.kind; every other envelope names the resource.</summary>
    public bool DetailsUseKind { get; init; }

    /// <summary>Some envelopes (410 Expired on a list) carry a fresh continue token in metadata.</summary>
    public string? Continue { get; init; }

    public int Code { get; } = code;
    public string Reason { get; } = reason;
    public string? Name { get; } = name;
    public ResourceKind? Kind { get; } = kind;

    public JsonObject ToStatus()
    {
        var status = StatusBody.Failure(Code, Reason, Message, Name, Kind, DetailsUseKind);
        if (Causes.Count > 0)
        {
            if (status["details"] is not JsonObject details)
            {
                details = new JsonObject();
                status.Remove("code");
                status["details"] = details;
                status["code"] = Code;
            }
            details["causes"] = new JsonArray(Causes.Select(c => (JsonNode)c.DeepClone()).ToArray());
        }
        if (Continue is not null)
        {
            status["metadata"] = new JsonObject { ["continue"] = Continue };
        }

        return status;
    }

    public static ApiException NotFound(ResourceKind kind, string name) =>
        new(404, "NotFound", $"{kind.GroupResource} \"{name}\" not found", name, kind);

    public static ApiException AlreadyExists(ResourceKind kind, string name) =>
        new(409, "AlreadyExists", $"{kind.GroupResource} \"{name}\" already exists", name, kind);

    public static ApiException Conflict(ResourceKind kind, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {kind.GroupResource} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            name, kind);

    public static ApiException Invalid(ResourceKind kind, string name, string detail) =>
        new(422, "Invalid", $"{kind.GroupKind} \"{name}\" is invalid: {detail}", name, kind) { DetailsUseKind = true };

    /// <summary>
    /// errors.NewInvalid (apimachinery api/errors/errors.go:283-311): one error printed bare, several in [a, b]
    /// after de-duplication; each becomes a cause {reason, message, field}.
    /// </summary>
    public static ApiException Invalid(ResourceKind kind, string name, IReadOnlyList<Validation.FieldError> errors) =>
        Invalid(kind.GroupKind, name, errors, kind);

    /// <summary>Invalid for option types (e.g. <c>ListOptions.meta.k8s.io ""</c>), which have no served kind.</summary>
    public static ApiException Invalid(string groupKind, string name, IReadOnlyList<Validation.FieldError> errors, ResourceKind? kind = null)
    {
        var texts = errors.Select(e => e.ToString()).Distinct().ToList();
        var joined = texts.Count == 1 ? texts[0] : $"[{string.Join(", ", texts)}]";
        return new ApiException(422, "Invalid", $"{groupKind} \"{name}\" is invalid: {joined}", name, kind)
        {
            DetailsUseKind = true,
            Causes = errors.Select(e => new JsonObject { ["reason"] = e.Reason, ["message"] = e.Body, ["field"] = e.Field }).ToList(),
        };
    }

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotAllowed(string message) => new(405, "MethodNotAllowed", message);

    public static ApiException Expired(string fromRv, long oldest) =>
        new(410, "Expired", $"too old resource version: {fromRv} ({oldest})");
}

/// <summary>Builders for meta/v1 Status documents.</summary>
public static class StatusBody
{
    public static JsonObject Failure(int code, string reason, string message, string? name = null, ResourceKind? kind = null, bool detailsUseKind = false)
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
                if (kind.Group.Length > 0)
                {
                    details["group"] = kind.Group;
                }

                details["kind"] = detailsUseKind ? kind.Kind : kind.Plural;
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
