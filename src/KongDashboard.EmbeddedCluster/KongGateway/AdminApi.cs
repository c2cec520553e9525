using System.Text;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.KongGateway.Access;
using KongDashboard.EmbeddedCluster.KongGateway.Validation;
using Microsoft.AspNetCore.Http;

namespace KongDashboard.EmbeddedCluster.KongGateway;

/// <summary>Request routing of the DB-less Admin API (kong/api/routes/*.lua with database = "off").</summary>
internal static class AdminApi
{
    public static async Task HandleAsync(EmbeddedKongGateway gateway, HttpContext context)
    {
        gateway.Counters.RequestStarted();
        try
        {
            if (await AdminGate.RefuseAsync(gateway, context))
            {
                return;
            }
            if (gateway.Options.ResponseDelay is { } delay && delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted);
            }
            var reply = await RouteAsync(gateway, context);
            context.Response.StatusCode = reply.Status;
            context.Response.Headers["X-Kong-Admin-Latency"] = "0";
            context.Response.Headers.Server = $"kong/{gateway.Options.Version}";
            if (reply.RetryAfter is { } retryAfter)
            {
                context.Response.Headers.RetryAfter = retryAfter;
            }
            if (reply.Json is { } json)
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.Body.WriteAsync(json, context.RequestAborted);
            }
            else if (reply.Body is not null)
            {
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync(reply.Body.ToJsonString(), Encoding.UTF8, context.RequestAborted);
            }
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        finally
        {
            gateway.Counters.RequestEnded();
        }
    }

    private static async Task<AdminReply> RouteAsync(EmbeddedKongGateway gateway, HttpContext context)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value?.TrimEnd('/') ?? "";
        var state = gateway.State;
        switch (path)
        {
            case "":
                return method == "GET" ? new(200, NodeInfo.Root(gateway.Options, gateway.NodeId, gateway.AdminAddress)) : MethodNotAllowed();
            case "/status":
                return method == "GET" ? new(200, NodeInfo.Status(gateway.Counters, state.Hash, gateway.DatabaseApi is not null)) : MethodNotAllowed();
            case "/status/ready" when gateway.Cache is { } cache:
                // kong/status/ready.lua: with a database, ready once the node built its router from it (an empty one too)
                return method != "GET" ? MethodNotAllowed()
                    : cache.State.ReadAt is not null ? new(200, Message("ready")) : new(503, Message("router builds not yet complete"));
            case "/config" when gateway.DatabaseApi is not null:
                // config.lua:85-93 (GET) and :108-116 (POST): only for database = "off"
                return new(400, Message("this endpoint is only available when Kong is configured to not use a database"));
            case "/status/ready":
                // health.lua: ready only once a non-empty configuration is loaded
                return method != "GET" ? MethodNotAllowed()
                    : state.IsReady ? new(200, Message("ready"))
                    : new(503, Message("no configuration available (empty configuration present)"));
            case "/config":
                return method switch
                {
                    "POST" => await PostConfigAsync(gateway, context),
                    "GET" => new AdminReply(200, new JsonObject { ["config"] = state.Config?.ToJsonString() ?? "{\"_format_version\":\"3.0\"}" }),
                    _ => MethodNotAllowed(),
                };
        }
        var segments = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        if (segments is ["schemas", var schemaName])
        {
            // kong.lua "/schemas/:name": served with or without a database
            return method == "GET" ? EntitySchemas.Get(schemaName) : MethodNotAllowed();
        }
        if (segments.Length is < 1 or > 4 || !EntityKind.ByPath.TryGetValue(segments[0], out var kind))
        {
            return new(404, Message("Not found"));
        }
        if (gateway.DatabaseApi is { } database)
        {
            var reply = await database.HandleAsync(context, method, segments);
            if (reply.Status is >= 200 and < 300 && method is not "GET" and not "HEAD")
            {
                gateway.Cache?.Refresh(); // a node's own write invalidates its cache at once (kong/runloop/events.lua)
            }

            return reply;
        }

        if (method is "GET" or "HEAD")
        {
            var (status, body) = EntityListing.Handle(segments, context.Request.Query, state.Entities);
            return new(status, body);
        }
        // kong/db/strategies/off/init.lua: every write is an unsupported operation (code 12), HTTP 405
        var operation = (method, segments.Length % 2) switch
        {
            ("POST", _) => "create",
            ("PUT", _) => "create or update",
            ("PATCH", _) => "update",
            ("DELETE", _) => "remove",
            _ => null,
        };
        if (operation is null)
        {
            return MethodNotAllowed();
        }
        var target = segments.Length >= 3 ? ChildPlural(kind, segments[2]) ?? kind.Plural : kind.Plural;
        return new(405, new JsonObject
        {
            ["code"] = 12,
            ["name"] = "operation unsupported",
            ["message"] = $"cannot {operation} '{target}' entities when not using a database",
        });
    }

    private static string? ChildPlural(EntityKind parent, string segment) =>
        parent.Children.Select(c => c.Child).FirstOrDefault(c => c.Path == segment || c.Path.TrimEnd('s') == segment)?.Plural;

    private static async Task<AdminReply> PostConfigAsync(EmbeddedKongGateway gateway, HttpContext context)
    {
        var query = context.Request.Query;
        // config.lua parse_config_post_opts: check_hash must be "1"; flatten_errors is truthy()
        var checkHash = query["check_hash"].ToString() == "1";
        var flatten = query["flatten_errors"].ToString().ToLowerInvariant() is "1" or "true" or "on" or "yes";
        var read = await ConfigRequestReader.ReadAsync(context.Request, context.RequestAborted);
        if (read.Config is null)
        {
            return new(400, read.Error);
        }
        return await gateway.ApplyConfigAsync(read.Config, checkHash, flatten, context.RequestAborted, context.Request.Headers.UserAgent.ToString());
    }

    private static JsonObject Message(string m) => new() { ["message"] = m };

    private static AdminReply MethodNotAllowed() => new(405, Message("Method not allowed"));
}

/// <summary>An Admin API answer: a JSON body, or JSON already written (the loaded entities of an accepted POST /config).</summary>
internal readonly record struct AdminReply(int Status, JsonNode? Body, ReadOnlyMemory<byte>? Json = null, string? RetryAfter = null);
