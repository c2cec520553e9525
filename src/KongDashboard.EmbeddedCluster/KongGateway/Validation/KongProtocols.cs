namespace KongDashboard.EmbeddedCluster.KongGateway.Validation;

/// <summary>kong/constants.lua PROTOCOLS (OSS 3.9), the order Kong prints them in "expected one of".</summary>
internal static class KongProtocols
{
    public static readonly string[] All = ["grpc", "grpcs", "http", "https", "tcp", "tls", "tls_passthrough", "udp"];

    /// <summary>routes.lua protocols.mutually_exclusive_subsets.</summary>
    public static readonly string[][] ExclusiveSubsets =
    [
        ["http", "https"],
        ["tcp", "tls", "udp"],
        ["tls_passthrough"],
        ["grpc", "grpcs"],
    ];
}
