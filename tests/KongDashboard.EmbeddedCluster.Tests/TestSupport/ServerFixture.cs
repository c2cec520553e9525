using k8s;

namespace KongDashboard.EmbeddedCluster.Tests.TestSupport;

/// <summary>A seeded server shared by the tests of one class (tests must not Compact or drop watches on it).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public EmbeddedApiServer Server { get; private set; } = null!;

    public IKubernetes Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions { BookmarkInterval = TimeSpan.FromMilliseconds(300) });
        Client = new Kubernetes(Server.ClientConfiguration());
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A fresh namespace so tests sharing the server do not see each other's objects.</summary>
    public string NewNamespace(string prefix = "t")
    {
        var name = $"{prefix}-{Guid.NewGuid():N}"[..20];
        Server.Store.Create("Namespace", null, new System.Text.Json.Nodes.JsonObject { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name } });
        return name;
    }
}

/// <summary>Starts a private server for tests that disturb global state (Compact, DropWatches).</summary>
public static class PrivateServer
{
    public static async Task<(EmbeddedApiServer Server, IKubernetes Client)> StartAsync(bool seed = false, bool controllers = false, TimeSpan? bookmarks = null)
    {
        var server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions
        {
            Seed = seed,
            RunControllers = controllers,
            BookmarkInterval = bookmarks ?? TimeSpan.FromSeconds(30),
        });
        return (server, new Kubernetes(server.ClientConfiguration()));
    }
}
