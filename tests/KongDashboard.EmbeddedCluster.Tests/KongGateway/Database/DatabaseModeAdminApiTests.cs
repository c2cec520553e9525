namespace KongDashboard.EmbeddedCluster.Tests.KongGateway.Database;

/// <summary>The entity endpoints of an embedded Kong in DB mode, checked against Kong 3.9.1's endpoints.lua/errors.lua.</summary>
public sealed class DatabaseModeAdminApiTests
{
    private const string Service = """{"name":"svc","host":"example.internal","port":80,"tags":["k8s-name:web","managed-by-ingress-controller"]}""";

    [Fact]
    public async Task Post_get_by_id_and_name_put_patch_and_delete_follow_kong()
    {
        await using var kong = await DbGateways.StartAsync();
        var (created, service) = await kong.PostAsync("/services", Service);
        Assert.Equal(201, created);
        var id = service["id"]!.GetValue<string>();
        Assert.Equal(5, service["retries"]!.GetValue<int>()); // schema default filled in
        Assert.Equal(id, (await kong.GetAsync("/services/svc")).Body["id"]!.GetValue<string>());
        Assert.Equal("svc", (await kong.GetAsync($"/services/{id}")).Body["name"]!.GetValue<string>());

        // PUT replaces the whole entity: retries not given comes back to its default
        var pp = await kong.PatchAsync("/services/svc", """{"retries":1}""");
        Assert.True(200 == pp.Status, pp.Body.ToJsonString());
        Assert.Equal(1, (await kong.GetAsync("/services/svc")).Body["retries"]!.GetValue<int>());
        var (put, replaced) = await kong.PutAsync($"/services/{id}", """{"name":"svc","host":"other.internal"}""");
        Assert.Equal(200, put);
        Assert.Equal(5, replaced["retries"]!.GetValue<int>());
        Assert.Equal("other.internal", replaced["host"]!.GetValue<string>());

        // PUT by name creates (200), URL key wins over the body
        var (upserted, byName) = await kong.PutAsync("/services/second", """{"name":"ignored","host":"two.internal"}""");
        Assert.Equal(200, upserted);
        Assert.Equal("second", byName["name"]!.GetValue<string>());

        Assert.Equal(204, (await kong.DeleteAsync("/services/second")).Status);
        Assert.Equal(404, (await kong.GetAsync("/services/second")).Status);
        Assert.Equal(204, (await kong.DeleteAsync("/services/second")).Status); // absent: still 204
        Assert.Equal(404, (await kong.PatchAsync("/services/second", "{}")).Status);
    }

    [Fact]
    public async Task Schema_errors_are_400_with_fields_and_unique_clashes_409()
    {
        await using var kong = await DbGateways.StartAsync();
        var (status, body) = await kong.PostAsync("/services", """{"name":"bad","host":"x.internal","port":"eighty","retries":-1}""");
        Assert.Equal(400, status);
        Assert.Equal(2, body["code"]!.GetValue<int>());
        Assert.Equal("schema violation", body["name"]!.GetValue<string>());
        Assert.StartsWith("2 schema violations (port: ", body["message"]!.GetValue<string>());
        Assert.NotNull(body["fields"]!["port"]);
        Assert.NotNull(body["fields"]!["retries"]);

        Assert.Equal(201, (await kong.PostAsync("/services", Service)).Status);
        var (clash, unique) = await kong.PostAsync("/services", Service);
        Assert.Equal(409, clash);
        Assert.Equal(5, unique["code"]!.GetValue<int>());
        Assert.Equal("UNIQUE violation detected on '{name=\"svc\"}'", unique["message"]!.GetValue<string>());

        var (route, routeBody) = await kong.PostAsync("/services/svc/routes", """{"name":"r","paths":["nope"]}""");
        Assert.Equal(400, route);
        Assert.Contains("paths", routeBody["fields"]!.AsObject().Select(f => f.Key));
    }

    [Fact]
    public async Task Nested_routes_foreign_keys_restrict_and_cascade()
    {
        await using var kong = await DbGateways.StartAsync();
        var (_, service) = await kong.PostAsync("/services", Service);
        var serviceId = service["id"]!.GetValue<string>();
        var (created, route) = await kong.PostAsync("/services/svc/routes", """{"name":"r1","paths":["/a"]}""");
        Assert.Equal(201, created);
        Assert.Equal(serviceId, route["service"]!["id"]!.GetValue<string>());
        Assert.Equal(201, (await kong.PostAsync("/routes/r1/plugins", """{"name":"cors"}""")).Status);
        var (dupPlugin, dup) = await kong.PostAsync("/routes/r1/plugins", """{"name":"cors"}""");
        Assert.Equal(409, dupPlugin);
        Assert.StartsWith("UNIQUE violation detected on '{consumer=null,name=\"cors\",route={id=", dup["message"]!.GetValue<string>());

        Assert.Single((await kong.GetAsync("/services/svc/routes")).Body["data"]!.AsArray());
        Assert.Equal(404, (await kong.GetAsync("/services/nope/routes")).Status);

        // a route to a service that does not exist
        var missing = Guid.NewGuid().ToString();
        var (fk, fkBody) = await kong.PostAsync("/routes", $$$"""{"name":"r2","paths":["/b"],"service":{"id":"{{{missing}}}"}}""");
        Assert.Equal(400, fk);
        Assert.Equal($"the foreign key '{{id=\"{missing}\"}}' does not reference an existing 'services' entity.", fkBody["message"]!.GetValue<string>());

        // routes restrict the service's delete; deleting the route cascades to its plugin
        var (restricted, restrictedBody) = await kong.DeleteAsync("/services/svc");
        Assert.Equal(400, restricted);
        Assert.Equal("an existing 'routes' entity references this 'services' entity", restrictedBody["message"]!.GetValue<string>());
        Assert.Single((await kong.GetAsync("/plugins")).Body["data"]!.AsArray());
        Assert.Equal(204, (await kong.DeleteAsync("/routes/r1")).Status);
        Assert.Empty((await kong.GetAsync("/plugins")).Body["data"]!.AsArray());
        Assert.Equal(204, (await kong.DeleteAsync("/services/svc")).Status);
    }

    [Fact]
    public async Task Pages_follow_next_with_tags_and_reject_bad_queries()
    {
        await using var kong = await DbGateways.StartAsync();
        for (var i = 0; i < 5; i++)
        {
            var tags = i % 2 == 0 ? """["managed-by-ingress-controller","k8s-name:even"]""" : """["managed-by-ingress-controller"]""";
            Assert.Equal(201, (await kong.PostAsync("/services", $$"""{"name":"s{{i}}","host":"h{{i}}.internal","tags":{{tags}}}""")).Status);
        }

        Assert.Equal(201, (await kong.PostAsync("/services", """{"name":"hand-made","host":"h.internal"}""")).Status);

        var names = new List<string>();
        var path = "/services?size=2&tags=managed-by-ingress-controller";
        while (path is not null)
        {
            var (status, page) = await kong.GetAsync(path);
            Assert.Equal(200, status);
            names.AddRange(page["data"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));
            path = page["next"]?.GetValue<string>()!;
            if (path is not null)
            {
                Assert.Contains("&tags=managed-by-ingress-controller&size=2", path, StringComparison.Ordinal);
                Assert.NotNull(page["offset"]);
            }
        }

        Assert.Equal(5, names.Count);
        Assert.DoesNotContain("hand-made", names);
        Assert.Equal(3, (await kong.GetAsync("/services?tags=managed-by-ingress-controller,k8s-name:even")).Body["data"]!.AsArray().Count);
        Assert.Equal(5, (await kong.GetAsync("/services?tags=k8s-name:even/managed-by-ingress-controller")).Body["data"]!.AsArray().Count);

        var (mixed, mixedBody) = await kong.GetAsync("/services?tags=a,b/c");
        Assert.Equal(400, mixed);
        Assert.Equal("invalid option (tags: invalid filter syntax)", mixedBody["message"]!.GetValue<string>());
        Assert.Equal("size must be a number", (await kong.GetAsync("/services?size=x")).Body["message"]!.GetValue<string>());
        Assert.Equal(400, (await kong.GetAsync("/services?offset=%25%25")).Status);
        var empty = (await kong.GetAsync("/routes")).Body;
        Assert.Empty(empty["data"]!.AsArray());
        Assert.Null(empty["next"]);
        Assert.True(empty.ContainsKey("next"));
    }

    [Fact]
    public async Task Config_is_refused_and_root_and_status_say_database_mode()
    {
        await using var kong = await DbGateways.StartAsync();
        var (status, body) = await kong.PostAsync("/config", """{"_format_version":"3.0"}""");
        Assert.Equal(400, status);
        Assert.Equal("this endpoint is only available when Kong is configured to not use a database", body["message"]!.GetValue<string>());
        var configuration = (await kong.GetAsync("/")).Body["configuration"]!;
        Assert.Equal("postgres", configuration["database"]!.GetValue<string>());
        // kong.lua:127 reports the polling settings that bound when a node serves a database change
        Assert.Equal(DbGateways.UpdateFrequency.TotalSeconds, configuration["db_update_frequency"]!.GetValue<double>());
        Assert.Equal(0, configuration["db_update_propagation"]!.GetValue<double>());
        Assert.True(configuration["worker_state_update_frequency"]!.GetValue<double>() > 0);
        var health = (await kong.GetAsync("/status")).Body;
        Assert.True(health["database"]!["reachable"]!.GetValue<bool>());
        Assert.False(health.ContainsKey("configuration_hash"));
    }

    [Fact]
    public async Task Another_node_serves_a_change_only_after_its_db_update_frequency()
    {
        await using var kong = await DbGateways.StartAsync();
        Assert.True(kong.B.Cache!.IsCurrent);
        Assert.Equal(201, (await kong.PostAsync("/services", Service)).Status);

        // readable through every node's Admin API at once (it reads the database) …
        Assert.Equal(200, (await kong.GetAsync("/services/svc", kong.HttpB)).Status);
        // … served by the writing node at once, by the other one after its next poll
        Assert.True(kong.A.Cache!.IsCurrent);
        Assert.False(kong.B.Cache.IsCurrent);
        kong.Time.Advance(DbGateways.UpdateFrequency - TimeSpan.FromSeconds(1));
        Assert.False(kong.B.Cache.IsCurrent);
        kong.Time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(kong.B.Cache.IsCurrent);
        Assert.Equal(1, kong.B.Cache.State.Counts["services"]);
    }

    [Fact]
    public async Task Certificates_carry_their_snis_and_credentials_cascade_with_their_consumer()
    {
        await using var kong = await DbGateways.StartAsync();
        var (consumer, _) = await kong.PostAsync("/consumers", """{"username":"alice"}""");
        Assert.Equal(201, consumer);
        var (keyAuth, key) = await kong.PostAsync("/consumers/alice/key-auth", """{"key":"secret-key"}""");
        Assert.Equal(201, keyAuth);
        Assert.Equal(409, (await kong.PostAsync("/consumers/alice/key-auth", """{"key":"secret-key"}""")).Status);
        var (basic, basicBody) = await kong.PostAsync("/consumers/alice/basic-auth", """{"username":"alice","password":"hunter2"}""");
        Assert.Equal(201, basic);
        Assert.NotEqual("hunter2", basicBody["password"]!.GetValue<string>()); // stored hashed, as Kong does
        Assert.Single((await kong.GetAsync("/key-auths")).Body["data"]!.AsArray());
        Assert.Equal(204, (await kong.DeleteAsync("/consumers/alice")).Status);
        Assert.Empty((await kong.GetAsync("/key-auths")).Body["data"]!.AsArray());
        Assert.Empty((await kong.GetAsync("/basic-auths")).Body["data"]!.AsArray());
        Assert.NotNull(key["id"]);

        var (sniMissing, sniBody) = await kong.GetAsync("/certificates/example.com");
        Assert.Equal(404, sniMissing);
        Assert.Equal("SNI not found", sniBody["message"]!.GetValue<string>());
    }
}
