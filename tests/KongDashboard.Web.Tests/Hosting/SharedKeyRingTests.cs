using System.Security.Cryptography;
using k8s;
using KongDashboard.EmbeddedCluster;
using KongDashboard.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace KongDashboard.Web.Tests.Hosting;

/// <summary>Replicas that share the key ring in a Secret read each other's protected data (sign-in cookies).</summary>
public sealed class SharedKeyRingTests : IAsyncLifetime
{
    private EmbeddedApiServer _server = null!;
    private IKubernetes _client = null!;

    public async Task InitializeAsync()
    {
        _server = await EmbeddedApiServer.StartAsync(new EmbeddedApiServerOptions { Seed = false, RunControllers = false });
        _client = new Kubernetes(_server.ClientConfiguration());
        await _client.CoreV1.CreateNamespaceAsync(new k8s.Models.V1Namespace { Metadata = new() { Name = "kong" } });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    private IDataProtector Replica(bool sharedRing)
    {
        var services = new ServiceCollection();
        var builder = services.AddDataProtection().SetApplicationName(SharedKeyRing.ApplicationName);
        if (sharedRing)
        {
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = new SecretXmlRepository(() => Task.FromResult(_client), "kong", "kong-dashboard-keys"));
        }
        else
        {
            builder.UseEphemeralDataProtectionProvider();
        }

        return services.BuildServiceProvider().GetRequiredService<IDataProtectionProvider>().CreateProtector("sign-in");
    }

    [Fact]
    public void A_cookie_protected_by_one_replica_is_read_by_another_only_with_the_shared_ring()
    {
        // Positive control: replicas with their own keys cannot read each other's cookies.
        var isolated = Replica(sharedRing: false).Protect("alice");
        Assert.Throws<CryptographicException>(() => Replica(sharedRing: false).Unprotect(isolated));

        var first = Replica(sharedRing: true);
        var cookie = first.Protect("alice");
        var second = Replica(sharedRing: true);
        Assert.Equal("alice", second.Unprotect(cookie));

        var secret = _client.CoreV1.ReadNamespacedSecret("kong-dashboard-keys", "kong");
        var key = Assert.Single(secret.Data);
        Assert.StartsWith("key-", key.Key);
    }

    [Fact]
    public async Task Replicas_creating_keys_at_once_keep_every_key()
    {
        var a = new SecretXmlRepository(() => Task.FromResult(_client), "kong", "racing-keys");
        var b = new SecretXmlRepository(() => Task.FromResult(_client), "kong", "racing-keys");
        await Task.WhenAll(
            Task.Run(() => a.StoreElement(new System.Xml.Linq.XElement("key", new System.Xml.Linq.XAttribute("id", "a")), "a")),
            Task.Run(() => b.StoreElement(new System.Xml.Linq.XElement("key", new System.Xml.Linq.XAttribute("id", "b")), "b")));

        var ids = a.GetAllElements().Select(e => e.Attribute("id")!.Value).Order().ToList();
        Assert.Equal(["a", "b"], ids);
    }
}
