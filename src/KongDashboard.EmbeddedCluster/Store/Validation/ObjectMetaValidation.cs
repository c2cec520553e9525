using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.Store.Validation;

/// <summary>
/// ObjectMeta rules on create and update (apimachinery/pkg/api/validation/objectmeta.go:44-265,
/// apis/meta/v1/validation/validation.go:113-122).
/// </summary>
internal static class ObjectMetaValidation
{
    /// <summary>Sum of annotation keys and values (TotalAnnotationSizeLimitB, objectmeta.go:36).</summary>
    private const int TotalAnnotationSizeLimit = 256 * 1024;

    /// <summary>The name function of each kind: Service is a DNS-1035 label, Namespace a DNS-1123 label, the rest subdomains.</summary>
    public static List<string> ValidateName(ResourceKind kind, string name, bool prefix)
    {
        // generic.go:37-80: a generateName may end in '-'; mask it before checking.
        if (prefix && name.EndsWith('-'))
        {
            name = name[..^1] + "a";
        }

        return kind.Kind switch
        {
            "Service" => NameRules.IsDns1035Label(name),
            "Namespace" => NameRules.IsDns1123Label(name),
            _ => NameRules.IsDns1123Subdomain(name),
        };
    }

    public static void ValidateCreate(ResourceKind kind, JsonObject meta, List<FieldError> errors)
    {
        var generateName = meta["generateName"]?.ToString();
        if (!string.IsNullOrEmpty(generateName))
        {
            errors.AddRange(ValidateName(kind, generateName, prefix: true).Select(m => FieldError.Invalid("metadata.generateName", generateName, m)));
        }

        ValidateCommon(kind, meta, errors);
    }

    public static void ValidateCommon(ResourceKind kind, JsonObject meta, List<FieldError> errors)
    {
        var name = meta["name"]?.ToString();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
        }
        else
        {
            var nameErrors = ValidateName(kind, name, prefix: false);
            // registry/rest/create.go: the type's own rule first; path-segment rules only if it passed.
            if (nameErrors.Count == 0)
            {
                nameErrors = NameRules.IsValidPathSegmentName(name);
            }

            errors.AddRange(nameErrors.Select(m => FieldError.Invalid("metadata.name", name, m)));
        }
        ValidateLabels(meta["labels"] as JsonObject, errors);
        ValidateAnnotations(meta["annotations"] as JsonObject, errors);
        ValidateFinalizers(meta["finalizers"] as JsonArray, errors);
        ValidateOwnerReferences(meta["ownerReferences"] as JsonArray, errors);
    }

    private static void ValidateLabels(JsonObject? labels, List<FieldError> errors)
    {
        if (labels is null)
        {
            return;
        }

        foreach (var (key, value) in labels.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            errors.AddRange(NameRules.IsQualifiedName(key).Select(m => FieldError.Invalid("metadata.labels", key, m)));
            var text = value?.ToString() ?? "";
            errors.AddRange(NameRules.IsValidLabelValue(text).Select(m => FieldError.Invalid("metadata.labels", text, m)));
        }
    }

    private static void ValidateAnnotations(JsonObject? annotations, List<FieldError> errors)
    {
        if (annotations is null)
        {
            return;
        }

        long total = 0;
        foreach (var (key, value) in annotations.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // The rule is a qualified name except that case does not matter (objectmeta.go:48).
            errors.AddRange(NameRules.IsQualifiedName(key.ToLowerInvariant()).Select(m => FieldError.Invalid("metadata.annotations", key, m)));
            total += key.Length + (value?.ToString().Length ?? 0);
        }
        if (total > TotalAnnotationSizeLimit)
        {
            errors.Add(FieldError.TooLong("metadata.annotations", TotalAnnotationSizeLimit));
        }
    }

    private static void ValidateFinalizers(JsonArray? finalizers, List<FieldError> errors)
    {
        if (finalizers is null)
        {
            return;
        }

        var names = finalizers.Select(f => f?.ToString() ?? "").ToList();
        for (var i = 0; i < names.Count; i++)
        {
            errors.AddRange(NameRules.IsQualifiedName(names[i]).Select(m => FieldError.Invalid($"metadata.finalizers[{i}]", names[i], m)));
        }

        if (names.Contains("orphan") && names.Contains("foregroundDeletion"))
        {
            errors.Add(FieldError.Invalid("metadata.finalizers", names.ToArray(), "finalizer orphan and foregroundDeletion cannot be both set"));
        }
    }

    private static void ValidateOwnerReferences(JsonArray? references, List<FieldError> errors)
    {
        if (references is null)
        {
            return;
        }

        var controllers = new List<string>();
        for (var i = 0; i < references.Count; i++)
        {
            if (references[i] is not JsonObject reference)
            {
                continue;
            }

            var path = $"metadata.ownerReferences[{i}]";
            if (string.IsNullOrEmpty(reference["apiVersion"]?.ToString()))
            {
                errors.Add(FieldError.Invalid($"{path}.apiVersion", "", "version must not be empty"));
            }

            if (string.IsNullOrEmpty(reference["kind"]?.ToString()))
            {
                errors.Add(FieldError.Invalid($"{path}.kind", "", "kind must not be empty"));
            }

            if (string.IsNullOrEmpty(reference["name"]?.ToString()))
            {
                errors.Add(FieldError.Invalid($"{path}.name", "", "name must not be empty"));
            }

            if (string.IsNullOrEmpty(reference["uid"]?.ToString()))
            {
                errors.Add(FieldError.Invalid($"{path}.uid", "", "uid must not be empty"));
            }

            if (reference["controller"].AsBool() == true)
            {
                controllers.Add($"{reference["kind"]}/{reference["name"]}");
            }
        }
        if (controllers.Count > 1)
        {
            errors.Add(FieldError.Invalid("metadata.ownerReferences", references.ToJsonString(),
                $"Only one reference can have Controller set to true. Found \"true\" in references for {controllers[0]} and {controllers[1]}"));
        }
    }

    /// <summary>
    /// Update (objectmeta.go:200-265): name, namespace and uid cannot change; a terminating object takes no new
    /// finalizers. generation, creationTimestamp and resourceVersion are restored silently by the caller.
    /// </summary>
    public static void ValidateUpdate(JsonObject meta, JsonObject oldMeta, List<FieldError> errors)
    {
        foreach (var field in new[] { "name", "namespace", "uid" })
        {
            var now = meta[field]?.ToString();
            var was = oldMeta[field]?.ToString();
            if (was is not null && now is not null && now != was)
            {
                errors.Add(FieldError.Invalid($"metadata.{field}", now, "field is immutable"));
            }
        }
        if (oldMeta["deletionTimestamp"] is not null)
        {
            var old = (oldMeta["finalizers"] as JsonArray)?.Select(f => f?.ToString()).ToHashSet() ?? [];
            var added = (meta["finalizers"] as JsonArray)?.Select(f => f?.ToString() ?? "").Where(f => !old.Contains(f)).ToList() ?? [];
            if (added.Count > 0)
            {
                errors.Add(FieldError.Forbidden("metadata.finalizers",
                    $"no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(a => $"\"{a}\""))}}}"));
            }
        }
    }
}
