using KongDashboard.Hosting;

namespace KongDashboard.Web.Tests.Hosting;

/// <summary>Cluster:Embedded:Topology and the older Cluster:Embedded:KongDatabase together decide the Kong pods' database.</summary>
public sealed class EmbeddedTopologySettingsTests
{
    [Theory]
    [InlineData(EmbeddedTopology.GatewayDiscovery, "off", "off")]
    [InlineData(EmbeddedTopology.GatewayDiscovery, "postgres", "postgres")] // KongDatabase alone still means DB mode
    [InlineData(EmbeddedTopology.Database, "off", "postgres")]
    [InlineData(EmbeddedTopology.Sidecar, "off", "off")]
    public void Each_topology_runs_kong_on_its_database(EmbeddedTopology topology, string kongDatabase, string expected) =>
        Assert.Equal(expected, new EmbeddedClusterSettings { Topology = topology, KongDatabase = kongDatabase }.EffectiveKongDatabase);

    [Fact]
    public void A_sidecar_on_a_database_is_refused_naming_both_settings()
    {
        var settings = new EmbeddedClusterSettings { Topology = EmbeddedTopology.Sidecar, KongDatabase = "postgres" };

        var error = Assert.Throws<InvalidOperationException>(() => settings.EffectiveKongDatabase);

        Assert.Contains("Cluster:Embedded:Topology=Sidecar", error.Message, StringComparison.Ordinal);
        Assert.Contains("Cluster:Embedded:KongDatabase=postgres", error.Message, StringComparison.Ordinal);
    }
}
