using System.Text.Json.Nodes;

namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>
/// Schema defaults Kong's process_auto_fields fills in (kong/db/schema/entities/*.lua "default = …"),
/// so listings look like a real DB-less Kong's: absent optional fields come back as null.
/// </summary>
internal static class EntityDefaults
{
    public static void Apply(string plural, JsonObject e, string routerFlavor, long now)
    {
        e.TryAdd("created_at", now);
        switch (plural)
        {
            case "services":
                Fill(e, ("updated_at", now), ("name", null), ("retries", 5), ("protocol", "http"), ("port", 80), ("path", null),
                    ("connect_timeout", 60000), ("write_timeout", 60000), ("read_timeout", 60000), ("tags", null),
                    ("client_certificate", null), ("tls_verify", null), ("tls_verify_depth", null), ("ca_certificates", null), ("enabled", true));
                break;
            case "routes":
                Fill(e, ("updated_at", now), ("name", null), ("protocols", new JsonArray("http", "https")), ("https_redirect_status_code", 426),
                    ("strip_path", true), ("preserve_host", false), ("request_buffering", true), ("response_buffering", true), ("tags", null), ("service", null));
                if (routerFlavor == "expressions")
                {
                    Fill(e, ("priority", 0));
                }
                else
                {
                    Fill(e, ("methods", null), ("hosts", null), ("paths", null), ("headers", null), ("regex_priority", 0), ("path_handling", "v0"),
                        ("snis", null), ("sources", null), ("destinations", null));
                }
                break;
            case "upstreams":
                Fill(e, ("updated_at", now), ("algorithm", "round-robin"), ("hash_on", "none"), ("hash_fallback", "none"), ("hash_on_header", null),
                    ("hash_fallback_header", null), ("hash_on_cookie", null), ("hash_on_cookie_path", "/"), ("hash_on_query_arg", null),
                    ("hash_fallback_query_arg", null), ("hash_on_uri_capture", null), ("hash_fallback_uri_capture", null), ("slots", 10000),
                    ("tags", null), ("host_header", null), ("client_certificate", null), ("use_srv_name", false),
                    ("sticky_sessions_cookie", null), ("sticky_sessions_cookie_path", "/"));
                e["healthchecks"] = MergeDefaults(HealthcheckDefaults(), e["healthchecks"] as JsonObject);
                break;
            case "targets":
                Fill(e, ("updated_at", now), ("weight", 100), ("tags", null));
                break;
            case "certificates":
                Fill(e, ("updated_at", now), ("cert_alt", null), ("key_alt", null), ("tags", null));
                break;
            case "snis":
                Fill(e, ("updated_at", now), ("tags", null));
                break;
            case "plugins":
                Fill(e, ("updated_at", now), ("instance_name", null), ("route", null), ("service", null), ("consumer", null),
                    ("config", new JsonObject()), ("protocols", new JsonArray("grpc", "grpcs", "http", "https")), ("enabled", true),
                    ("tags", null), ("ordering", null));
                break;
            case "consumers":
                Fill(e, ("updated_at", now), ("username", null), ("custom_id", null), ("tags", null));
                break;
            case "jwt_secrets":
                Fill(e, ("algorithm", "HS256"), ("rsa_public_key", null), ("tags", null));
                break;
            default:
                Fill(e, ("tags", null));
                break;
        }
    }

    private static void Fill(JsonObject e, params (string Field, JsonNode? Value)[] defaults)
    {
        foreach (var (f, v) in defaults)
        {
            if (!e.ContainsKey(f))
            {
                e[f] = v?.DeepClone();
            }
        }
    }

    private static JsonObject MergeDefaults(JsonObject defaults, JsonObject? given)
    {
        if (given is null)
        {
            return defaults;
        }
        foreach (var (k, v) in given)
        {
            defaults[k] = v is JsonObject o && defaults[k] is JsonObject d ? MergeDefaults(d, o) : v?.DeepClone();
        }
        return defaults;
    }

    /// <summary>upstreams.lua healthchecks_config defaults.</summary>
    private static JsonObject HealthcheckDefaults() => new()
    {
        ["threshold"] = 0,
        ["active"] = new JsonObject
        {
            ["type"] = "http",
            ["timeout"] = 1,
            ["concurrency"] = 10,
            ["http_path"] = "/",
            ["https_sni"] = null,
            ["https_verify_certificate"] = true,
            ["headers"] = null,
            ["healthy"] = new JsonObject { ["interval"] = 0, ["http_statuses"] = new JsonArray(200, 302), ["successes"] = 0 },
            ["unhealthy"] = new JsonObject
            {
                ["interval"] = 0,
                ["http_statuses"] = new JsonArray(429, 404, 500, 501, 502, 503, 504, 505),
                ["tcp_failures"] = 0,
                ["timeouts"] = 0,
                ["http_failures"] = 0,
            },
        },
        ["passive"] = new JsonObject
        {
            ["type"] = "http",
            ["healthy"] = new JsonObject
            {
                ["http_statuses"] = new JsonArray(200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 306, 307, 308),
                ["successes"] = 0,
            },
            ["unhealthy"] = new JsonObject
            {
                ["http_statuses"] = new JsonArray(429, 500, 503),
                ["tcp_failures"] = 0,
                ["timeouts"] = 0,
                ["http_failures"] = 0,
            },
        },
    };
}
