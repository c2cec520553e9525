using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace KongDashboard.EmbeddedCluster.Rest;

/// <summary>
/// Maps Kubernetes REST requests onto <see cref="ResourceStore"/>. Everything is a thin translation: status codes
/// and Status bodies come from <see cref="ApiException"/>, watch streaming lives in <see cref="WatchStreamer"/>.
/// </summary>
internal sealed class ApiRequestHandler(
    ResourceStore store,
    PodMetricsSource metrics,
    FaultInjector faults,
    WatchStreamer watches,
    RequestGate gate,
    Func<string> serverAddress,
    ILogger logger)
{
    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var isWatch = IsTrue(request.Query["watch"]);
        try
        {
            if (gate.Check(request) is { } refused)
            {
                await JsonWire.WriteAsync(context.Response, refused.Code, refused.Body);
                return;
            }
            if (faults.TakeThrottle() is { } retryAfter)
            {
                await WriteTooManyRequestsAsync(context.Response, retryAfter);
                return;
            }
            if (faults.TakeFault(new ApiRequestInfo(request.Method, path, request.QueryString.Value ?? "", isWatch)) is { } fault)
            {
                if (fault.StatusCode == 429)
                {
                    await WriteTooManyRequestsAsync(context.Response, fault.RetryAfterSeconds);
                }
                else
                {
                    await JsonWire.WriteAsync(context.Response, fault.StatusCode, FaultStatus(fault.StatusCode));
                }

                return;
            }
            if (!await TryServeDiscoveryAsync(context, path))
            {
                await ServeResourceAsync(context, path, isWatch);
            }
        }
        catch (ApiException e)
        {
            if (!context.Response.HasStarted)
            {
                await JsonWire.WriteAsync(context.Response, e.Code, e.ToStatus());
            }
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or InvalidCastException or KeyNotFoundException)
        {
            logger.LogDebug(e, "Bad request {Method} {Path}", request.Method, path);
            if (!context.Response.HasStarted)
            {
                await JsonWire.WriteAsync(context.Response, 400, StatusBody.Failure(400, "BadRequest", e.Message));
            }
        }
        finally
        {
            logger.LogDebug("{Method} {Path}{Query} -> {Status}", request.Method, path, request.QueryString, context.Response.StatusCode);
        }
    }

    private async Task<bool> TryServeDiscoveryAsync(HttpContext context, string path)
    {
        var trimmed = path.TrimEnd('/');
        JsonNode? body = trimmed switch
        {
            "/version" => DiscoveryDocuments.Version(),
            "/api" => DiscoveryDocuments.CoreVersions(serverAddress()),
            "/apis" => DiscoveryDocuments.GroupList(VisibleKinds()),
            "/openapi/v3" => OpenApiDocuments.Index(VisibleKinds()),
            _ when trimmed.StartsWith("/openapi/v3/", StringComparison.Ordinal) =>
                OpenApiDocuments.Document(VisibleKinds(), trimmed["/openapi/v3/".Length..]) ?? throw NotFoundPath(path),
            _ when trimmed.StartsWith("/openapi/", StringComparison.Ordinal) => throw NotFoundPath(path),
            _ when trimmed.StartsWith("/apis/", StringComparison.Ordinal) && trimmed.Count(c => c == '/') == 2 =>
                DiscoveryDocuments.Group(VisibleKinds(), trimmed[6..]) ?? throw NotFoundPath(path),
            _ => null,
        };
        if (trimmed is "/healthz" or "/readyz" or "/livez")
        {
            context.Response.ContentType = "text/plain";
            await context.Response.WriteAsync("ok");
            return true;
        }
        if (body is null)
        {
            return false;
        }

        await JsonWire.WriteAsync(context.Response, 200, body);
        return true;
    }

    private async Task ServeResourceAsync(HttpContext context, string path, bool isWatch)
    {
        var api = ApiPath.Parse(path, store.Kinds) ?? throw NotFoundPath(path);
        if (api.IsGroupVersionRoot)
        {
            var visible = VisibleKinds();
            if (!visible.Any(k => k.Group == api.Group && k.Version == api.Version))
            {
                throw NotFoundPath(path);
            }

            await JsonWire.WriteAsync(context.Response, 200, DiscoveryDocuments.ResourceList(visible, api.Group, api.Version));
            return;
        }
        var kind = api.Kind!;
        if (faults.IsOmitted(kind))
        {
            throw NotFoundPath(path);
        }

        if (faults.IsDenied(kind))
        {
            throw Forbidden(kind, api, context.Request.Method, isWatch);
        }

        var query = context.Request.Query;
        var method = context.Request.Method;
        var ct = context.RequestAborted;
        var table = TableConverter.IsRequested(context.Request.Headers.Accept);
        var includeObject = query["includeObject"] == "Object";

        if (kind.ReadOnly)
        {
            await ServeMetricsAsync(context, kind, api, method);
            return;
        }

        if (api.Name is null)
        {
            switch (method)
            {
                case "GET" when isWatch:
                    ListOptionsCheck.Validate(query, isWatch: true);
                    await watches.StreamAsync(context, kind, api.Namespace, query["fieldSelector"], table, includeObject);
                    return;
                case "GET":
                    {
                        ListOptionsCheck.Validate(query, isWatch: false);
                        // resourceVersion=0 is served from the watch cache, which ignores limit (cacher.go:797-802).
                        var limit = query["resourceVersion"] == "0" || !int.TryParse(query["limit"], out var l) ? 0 : l;
                        var page = store.ListPaged(kind, api.Namespace, query["labelSelector"], query["fieldSelector"], limit, query["continue"]);
                        var body = table
                            ? TableConverter.ToTable(kind, page.Items, page.ResourceVersion, includeObject)
                            : ListBody(kind, page.Items, page.ResourceVersion);
                        if (page.Continue is not null)
                        {
                            ((JsonObject)body["metadata"]!)["continue"] = page.Continue;
                        }

                        if (page.RemainingItemCount is { } remaining)
                        {
                            ((JsonObject)body["metadata"]!)["remainingItemCount"] = remaining;
                        }

                        await JsonWire.WriteAsync(context.Response, 200, body, ct);
                        return;
                    }
                case "POST":
                    {
                        var input = await JsonWire.ReadObjectAsync(context.Request, ct);
                        FieldValidation.Apply(context, kind, input);
                        var created = store.Create(kind, api.Namespace, input, IsDryRun(context));
                        await JsonWire.WriteAsync(context.Response, 201, created, ct);
                        return;
                    }
                case "DELETE":
                    {
                        var items = store.List(kind, api.Namespace, query["labelSelector"], query["fieldSelector"], out _);
                        var deleted = items.Select(i => (JsonNode)store.Delete(kind, i.Namespace(), i.Name()!, propagationPolicy: query["propagationPolicy"]).Object).ToList();
                        await JsonWire.WriteAsync(context.Response, 200, ListBody(kind, deleted.Cast<JsonObject>().ToList(), store.ResourceVersion), ct);
                        return;
                    }
                default: throw MethodNotAllowed();
            }
        }

        var name = api.Name;
        if (method == "GET" && isWatch && api.Subresource is null)
        {
            ListOptionsCheck.Validate(context.Request.Query, isWatch: true);
            // Legacy item watch: same as a collection watch narrowed to this name.
            await watches.StreamAsync(context, kind, api.Namespace, $"metadata.name={name}", table, includeObject);
            return;
        }
        switch (api.Subresource)
        {
            case null:
                await ServeItemAsync(context, kind, api.Namespace, name, method, table, includeObject, statusOnly: false);
                return;
            case "status" when kind.HasStatus:
                await ServeItemAsync(context, kind, api.Namespace, name, method, table, includeObject, statusOnly: true);
                return;
            case "scale" when kind.Subresources.Contains("scale"):
                await ServeScaleAsync(context, kind, api.Namespace!, name, method);
                return;
            default:
                throw NotFoundPath(path);
        }
    }

    private async Task ServeItemAsync(HttpContext context, ResourceKind kind, string? ns, string name, string method,
        bool table, bool includeObject, bool statusOnly)
    {
        var ct = context.RequestAborted;
        switch (method)
        {
            case "GET":
                {
                    var obj = store.Get(kind, ns, name);
                    JsonNode body = table ? TableConverter.ToTable(kind, [obj], obj.ResourceVersion() ?? "", includeObject) : obj;
                    await JsonWire.WriteAsync(context.Response, 200, body, ct);
                    return;
                }
            case "PUT":
                {
                    var input = await JsonWire.ReadObjectAsync(context.Request, ct);
                    FieldValidation.Apply(context, kind, input);
                    var (obj, created) = store.Replace(kind, ns, name, input, statusOnly, IsDryRun(context));
                    await JsonWire.WriteAsync(context.Response, created ? 201 : 200, obj, ct);
                    return;
                }
            case "PATCH":
                {
                    var type = PatchTypeOf(context.Request.ContentType);
                    var patch = await JsonWire.ReadAsync(context.Request, ct);
                    // Merge-style patches have the object's shape; a JSON patch is checked only for the directive.
                    if (type == PatchType.JsonPatch)
                    {
                        FieldValidation.Directive(context.Request);
                    }
                    else
                    {
                        FieldValidation.Apply(context, kind, patch);
                    }

                    var patched = store.Patch(kind, ns, name, type, patch, statusOnly, IsDryRun(context));
                    await JsonWire.WriteAsync(context.Response, 200, patched, ct);
                    return;
                }
            case "DELETE" when !statusOnly:
                {
                    var options = await DeleteOptions.ReadAsync(context.Request, ct);
                    var (deleted, removed) = store.Delete(kind, ns, name, IsDryRun(context) || options.DryRun,
                        options.PropagationPolicy ?? context.Request.Query["propagationPolicy"].FirstOrDefault(), options.Uid, options.ResourceVersion);
                    // A marked object comes back as itself; removed ones as Status Success, except kinds whose
                    // registry returns the deleted object (finalizeDelete, store.go:1384-1409).
                    JsonNode body = !removed || kind.Kind is "Pod" or "Service" or "Namespace" ? deleted : StatusBody.Success(kind, name, deleted.Uid());
                    await JsonWire.WriteAsync(context.Response, 200, body, ct);
                    return;
                }
            default:
                throw MethodNotAllowed();
        }
    }

    private async Task ServeScaleAsync(HttpContext context, ResourceKind kind, string ns, string name, string method)
    {
        var ct = context.RequestAborted;
        JsonObject scale;
        switch (method)
        {
            case "GET":
                scale = ScaleSubresource.FromDeployment(store.Get(kind, ns, name));
                break;
            case "PUT":
                {
                    var body = await JsonWire.ReadObjectAsync(context.Request, ct);
                    scale = ScaleSubresource.Update(store, kind, ns, name, _ => body);
                    break;
                }
            case "PATCH":
                {
                    var type = PatchTypeOf(context.Request.ContentType);
                    var patch = await JsonWire.ReadAsync(context.Request, ct);
                    scale = ScaleSubresource.Update(store, kind, ns, name, current => ScaleSubresource.ApplyPatch(current, type, patch));
                    break;
                }
            default:
                throw MethodNotAllowed();
        }
        await JsonWire.WriteAsync(context.Response, 200, scale, ct);
    }

    private async Task ServeMetricsAsync(HttpContext context, ResourceKind kind, ApiPath api, string method)
    {
        if (method != "GET")
        {
            throw MethodNotAllowed();
        }

        if (api.Name is null)
        {
            await JsonWire.WriteAsync(context.Response, 200, new JsonObject
            {
                ["kind"] = "PodMetricsList",
                ["apiVersion"] = kind.ApiVersion,
                ["metadata"] = new JsonObject(),
                ["items"] = new JsonArray(metrics.List(api.Namespace).Select(m => (JsonNode)m).ToArray()),
            });
            return;
        }
        var item = api.Namespace is null ? null : metrics.Get(api.Namespace, api.Name);
        await JsonWire.WriteAsync(context.Response, 200, item ?? throw ApiException.NotFound(kind, api.Name));
    }

    private static JsonObject ListBody(ResourceKind kind, IReadOnlyList<JsonObject> items, string resourceVersion) => new()
    {
        ["kind"] = kind.Kind + "List",
        ["apiVersion"] = kind.ApiVersion,
        ["metadata"] = new JsonObject { ["resourceVersion"] = resourceVersion },
        ["items"] = new JsonArray(items.Select(i => (JsonNode)i).ToArray()),
    };

    private static PatchType PatchTypeOf(string? contentType) => contentType?.Split(';')[0].Trim() switch
    {
        "application/merge-patch+json" => PatchType.Merge,
        "application/strategic-merge-patch+json" => PatchType.StrategicMerge,
        "application/json-patch+json" => PatchType.JsonPatch,
        _ => throw new ApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json"),
    };

    internal static bool IsTrue(string? value) => value is "true" or "1" or "True";

    /// <summary>?dryRun=All (kubectl --dry-run=server, kubectl diff): validate and answer, change nothing.</summary>
    private static bool IsDryRun(HttpContext context) => context.Request.Query["dryRun"] == "All";

    private static JsonObject FaultStatus(int code) => code switch
    {
        429 => StatusBody.Failure(429, "TooManyRequests", "the server has received too many requests and has asked us to try again later"),
        503 => StatusBody.Failure(503, "ServiceUnavailable", "the server is currently unable to handle the request"),
        _ => StatusBody.Failure(code, "InternalError", "Internal error occurred: injected fault"),
    };

    private IReadOnlyCollection<ResourceKind> VisibleKinds() => store.Kinds.Kinds.Where(k => !faults.IsOmitted(k)).ToList();

    /// <summary>
    /// What the RBAC authorizer's denial looks like (apiserver endpoints/handlers/responsewriters/errors.go Forbidden):
    /// <c>&lt;resource&gt;[.group] ["name" ]is forbidden: User "u" cannot &lt;verb&gt; resource "r" in API group "g" in the namespace "ns"</c>.
    /// </summary>
    private ApiException Forbidden(ResourceKind kind, ApiPath api, string method, bool isWatch)
    {
        var verb = method switch
        {
            "GET" when isWatch => "watch",
            "GET" => api.Name is null ? "list" : "get",
            "POST" => "create",
            "PUT" => "update",
            "PATCH" => "patch",
            "DELETE" => api.Name is null ? "deletecollection" : "delete",
            _ => method.ToLowerInvariant(),
        };
        var resource = api.Subresource is null ? kind.Plural : $"{kind.Plural}/{api.Subresource}";
        var scope = api.Namespace is null ? "at the cluster scope" : $"in the namespace \"{api.Namespace}\"";
        var subject = api.Name is null ? kind.GroupResource : $"{kind.GroupResource} \"{api.Name}\"";
        return new ApiException(403, "Forbidden",
            $"{subject} is forbidden: User \"{faults.DeniedUser}\" cannot {verb} resource \"{resource}\" in API group \"{kind.Group}\" {scope}",
            api.Name ?? "", kind);
    }

    /// <summary>APF's rejection: plain text from Go's http.Error, not a Status (priority-and-fairness.go:308-318).</summary>
    private static async Task WriteTooManyRequestsAsync(HttpResponse response, int retryAfterSeconds)
    {
        response.StatusCode = 429;
        response.Headers.RetryAfter = retryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Content-Type-Options"] = "nosniff";
        response.ContentType = "text/plain; charset=utf-8";
        await response.WriteAsync("Too many requests, please try again later.\n");
    }

    private static ApiException NotFoundPath(string path) => new(404, "NotFound", "the server could not find the requested resource");

    private static ApiException MethodNotAllowed() => ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");
}
