using System.Text;

namespace KongDashboard.Core.Translation;

/// <summary>Deterministic entity ids: UUIDv5 as in go-kong <c>kong/ids.go</c> (FillIDs feature gate).</summary>
public static class KongIds
{
    private static readonly Guid KongNamespace = Guid.Parse("fd02801f-0957-4a15-a55a-c8d9606f30b5");
    private static readonly byte[] Services = NamespaceFor("services");
    private static readonly byte[] Routes = NamespaceFor("routes");
    private static readonly byte[] Consumers = NamespaceFor("consumers");
    private static readonly byte[] ConsumerGroups = NamespaceFor("consumergroups");
    private static readonly byte[] Plugins = NamespaceFor("plugins");
    private static readonly byte[] Vaults = NamespaceFor("vaults");

    public static string Service(string name) => Uuid5(Services, name);
    public static string Route(string name) => Uuid5(Routes, name);
    public static string Consumer(string username) => Uuid5(Consumers, username);
    public static string ConsumerGroup(string name) => Uuid5(ConsumerGroups, name);
    public static string Vault(string prefix) => Uuid5(Vaults, prefix);

    /// <summary>Plugin key: <c>name[:service/&lt;svc&gt;][:route/&lt;route&gt;][:consumer/&lt;c&gt;][:consumer_group/&lt;cg&gt;]</c>.</summary>
    public static string Plugin(string name, string? service, string? route, string? consumer, string? consumerGroup)
    {
        var key = new StringBuilder(name);
        if (service is not null)
        {
            key.Append(":service/").Append(service);
        }

        if (route is not null)
        {
            key.Append(":route/").Append(route);
        }

        if (consumer is not null)
        {
            key.Append(":consumer/").Append(consumer);
        }

        if (consumerGroup is not null)
        {
            key.Append(":consumer_group/").Append(consumerGroup);
        }

        return Uuid5(Plugins, key.ToString());
    }

    private static byte[] NamespaceFor(string plural) => Guid.Parse(Uuid5(KongNamespace.ToByteArray(bigEndian: true), plural)).ToByteArray(bigEndian: true);

    /// <summary>RFC 4122 name-based UUID, SHA-1 (version 5).</summary>
    public static string Uuid5(byte[] namespaceBytes, string name)
    {
        // Two ids per route and service on every cold translation: hash from the stack, no intermediate arrays.
        var length = namespaceBytes.Length + Encoding.UTF8.GetMaxByteCount(name.Length);
        var rented = length > 512 ? new byte[length] : null;
        Span<byte> input = rented ?? stackalloc byte[512];
        namespaceBytes.CopyTo(input);
        var written = namespaceBytes.Length + Encoding.UTF8.GetBytes(name, input[namespaceBytes.Length..]);
        Span<byte> hash = stackalloc byte[20];
        Sha1.HashData(input[..written], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString();
    }
}
