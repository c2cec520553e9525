using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using k8s.Models;
using KongDashboard.Core.Cluster;
using KongDashboard.Core.Kong;
using KongDashboard.Core.Kubernetes;
using KongDashboard.Core.Sync;
using KongDashboard.Core.Tests.Support;
using KongDashboard.Core.Translation;
using Microsoft.AspNetCore.Server.Kestrel.Https;

namespace KongDashboard.Core.Tests.Sync;

/// <summary>
/// Kong Admin API access over real HTTP(S) with the product's own client (KongAdminClients): the Kong-Admin-Token
/// header (static or from a Secret, never logged), a private CA bundle, and an mTLS client certificate.
/// </summary>
public sealed class KongAdminAccessTests
{
    private const string Token = "kong-rbac-Token-7f3c9a";

    private static readonly KongConfig OneUpstream = new() { Upstreams = [new KongUpstream { Name = "kong" }] };

    private static async Task<ConfigSync> StartSyncAsync(KongLikeAdminServer kong, KongAdminAccess access, RecordingLoggerFactory logs, ClusterSnapshot? snapshot = null)
    {
        var options = new KongSyncOptions
        {
            AdminUrls = [kong.AdminAddress.ToString()],
            StatusInterval = TimeSpan.FromMilliseconds(50),
            InitialRetryDelay = TimeSpan.FromMilliseconds(50),
            Access = access,
        };
        var sync = new ConfigSync(options, new TranslatorOptions(), logs);
        sync.SetEnabled(true);
        await sync.OnSnapshotAsync(snapshot ?? ClusterSnapshot.Empty);
        sync.OnTranslation(snapshot ?? ClusterSnapshot.Empty, new TranslationResult(OneUpstream, [], TimeSpan.Zero));
        return sync;
    }

    private static ClusterSnapshot WithTokenSecret(string key, string value) => ClusterSnapshotBuilder.From(
        [new V1Secret { Metadata = new V1ObjectMeta { Name = "admin-token", NamespaceProperty = "kong", Uid = "s1" }, Data = new Dictionary<string, byte[]> { [key] = Encoding.UTF8.GetBytes(value + "\n") } }],
        out _);

    private static void AssertNeverShown(RecordingLoggerFactory logs, ConfigSync sync)
    {
        Assert.NotEmpty(logs.Entries); // positive control: there are log lines to look through
        Assert.DoesNotContain(logs.Entries, e => e.Message.Contains(Token, StringComparison.Ordinal));
        Assert.DoesNotContain(Token, sync.State.Current.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(sync.State.Current.Gateways, g => (g.LastError ?? "").Contains(Token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_token_goes_in_the_Kong_Admin_Token_header_of_every_request_and_nowhere_else()
    {
        await using var kong = await KongLikeAdminServer.StartAsync();
        var logs = new RecordingLoggerFactory();
        await using var sync = await StartSyncAsync(kong, new KongAdminAccess { Token = Token }, logs);

        await Eventually.True(() => sync.State.Current.InSync == 1, "in sync");
        Assert.True(kong.ConfigPosts >= 1);
        Assert.All(kong.Tokens, t => Assert.Equal(Token, t));
        AssertNeverShown(logs, sync);
        Assert.DoesNotContain(Token, new KongAdminAccess { Token = Token }.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_is_read_from_the_Secret_and_a_missing_Secret_is_named_in_the_error()
    {
        await using var kong = await KongLikeAdminServer.StartAsync();
        var logs = new RecordingLoggerFactory();
        var access = new KongAdminAccess { TokenSecret = "kong/admin-token", TokenSecretKey = "token" };
        await using var sync = await StartSyncAsync(kong, access, logs);

        // No Secret yet: nothing is sent without the token, and the error says which Secret is missing.
        await Eventually.True(() => sync.State.Current.Gateways.Single().LastError is { } e && e.Contains("Kong:AdminTokenSecret kong/admin-token: Secret not found", StringComparison.Ordinal), "the missing Secret reported");
        Assert.Empty(kong.Tokens);

        await sync.OnSnapshotAsync(WithTokenSecret("token", Token));
        await Eventually.True(() => sync.State.Current.InSync == 1, "in sync once the Secret exists");
        Assert.NotEmpty(kong.Tokens);
        Assert.All(kong.Tokens, t => Assert.Equal(Token, t)); // trimmed: the Secret's value ends with a newline
        AssertNeverShown(logs, sync);
    }

    [Fact]
    public async Task A_Secret_without_the_key_is_named_in_the_error()
    {
        await using var kong = await KongLikeAdminServer.StartAsync();
        var access = new KongAdminAccess { TokenSecret = "kong/admin-token", TokenSecretKey = "token" };
        await using var sync = await StartSyncAsync(kong, access, new RecordingLoggerFactory(), WithTokenSecret("other", Token));
        await Eventually.True(() => sync.State.Current.Gateways.Single().LastError is { } e && e.Contains("Kong:AdminTokenSecret kong/admin-token: the Secret has no key 'token'", StringComparison.Ordinal), "the missing key reported");
        Assert.Empty(kong.Tokens);
    }

    public static TheoryData<string, KongAdminAccess> InvalidSettings() => new()
    {
        { "Kong:AdminToken and Kong:AdminTokenSecret are mutually exclusive", new KongAdminAccess { Token = Token, TokenSecret = "kong/admin-token" } },
        { "Kong:AdminTokenSecret 'admin-token' must be 'namespace/name'", new KongAdminAccess { TokenSecret = "admin-token" } },
        { "Kong:CaCertificate: file 'no/such/ca.pem' not found", new KongAdminAccess { CaCertificate = "no/such/ca.pem" } },
        { "Kong:CaCertificate: no PEM certificate found", new KongAdminAccess { CaCertificate = "-----BEGIN NOTHING-----\n-----END NOTHING-----" } },
        { "Kong:ClientCertificate and Kong:ClientKey must be set together", new KongAdminAccess { ClientCertificate = Pki.Create().ClientCertificatePem } },
        { "Kong:ClientCertificate/Kong:ClientKey:", new KongAdminAccess { ClientCertificate = Pki.Create().ClientCertificatePem, ClientKey = Pki.Create().ClientKeyPem } },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Settings_that_cannot_work_are_refused_naming_the_setting(string expected, KongAdminAccess access)
    {
        var errors = access.Validate();
        Assert.Contains(errors, e => e.StartsWith(expected, StringComparison.Ordinal));
        Assert.DoesNotContain(errors, e => e.Contains(Token, StringComparison.Ordinal) || e.Contains("PRIVATE KEY", StringComparison.Ordinal));
    }

    [Fact]
    public void Complete_settings_are_accepted()
    {
        var pki = Pki.Create();
        Assert.Empty(new KongAdminAccess { Token = Token, CaCertificate = pki.CaPem, ClientCertificate = pki.ClientCertificatePem, ClientKey = pki.ClientKeyPem }.Validate());
        Assert.Empty(KongAdminAccess.None.Validate());
    }

    [Fact]
    public async Task An_https_Admin_API_is_trusted_through_the_CA_bundle_and_gets_the_client_certificate()
    {
        var pki = Pki.Create();
        string? clientSubject = null;
        await using var kong = await KongLikeAdminServer.StartAsync(https: https =>
        {
            https.ServerCertificate = pki.Server;
            https.ClientCertificateMode = ClientCertificateMode.RequireCertificate;
            https.ClientCertificateValidation = (certificate, _, _) =>
            {
                clientSubject = certificate.Subject;
                return certificate.Issuer == pki.Ca.Subject;
            };
        });
        Assert.Equal("https", kong.AdminAddress.Scheme);

        // Positive control: without the CA the server certificate is not trusted.
        await using (var untrusted = await StartSyncAsync(kong, new KongAdminAccess { ClientCertificate = pki.ClientCertificatePem, ClientKey = pki.ClientKeyPem }, new RecordingLoggerFactory()))
        {
            await Eventually.True(() => untrusted.State.Current.Gateways.Single() is { State: GatewaySyncState.Unreachable, LastError: not null }, "refused: unknown CA");
            Assert.Equal(0, kong.StatusReads);
        }

        // CA bundle as a file path, the client certificate and key as PEM text.
        var caFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(caFile, pki.CaPem);
            var access = new KongAdminAccess { CaCertificate = caFile, ClientCertificate = pki.ClientCertificatePem, ClientKey = pki.ClientKeyPem };
            await using var sync = await StartSyncAsync(kong, access, new RecordingLoggerFactory());
            await Eventually.True(() => sync.State.Current.InSync == 1, "in sync over https with mTLS");
            Assert.Equal("CN=kong-dashboard", clientSubject);
        }
        finally
        {
            File.Delete(caFile);
        }
    }

    /// <summary>A throw-away CA, a server certificate for 127.0.0.1 and a client certificate, both issued by it.</summary>
    private sealed record Pki(X509Certificate2 Ca, string CaPem, X509Certificate2 Server, string ClientCertificatePem, string ClientKeyPem)
    {
        public static Pki Create()
        {
            using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var caRequest = new CertificateRequest("CN=Test Kong CA", caKey, HashAlgorithmName.SHA256);
            caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
            caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
            var now = DateTimeOffset.UtcNow;
            using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));

            using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var serverRequest = new CertificateRequest("CN=kong-admin", serverKey, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            serverRequest.CertificateExtensions.Add(names.Build());
            serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            using var serverPublic = serverRequest.Create(ca, now.AddMinutes(-5), now.AddHours(1), [1, 2, 3, 4]);
            using var serverWithKey = serverPublic.CopyWithPrivateKey(serverKey);
            var server = X509CertificateLoader.LoadPkcs12(serverWithKey.Export(X509ContentType.Pkcs12), null);

            using var clientKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var clientRequest = new CertificateRequest("CN=kong-dashboard", clientKey, HashAlgorithmName.SHA256);
            clientRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.2")], false));
            using var client = clientRequest.Create(ca, now.AddMinutes(-5), now.AddHours(1), [5, 6, 7, 8]);

            var caPublic = X509CertificateLoader.LoadCertificate(ca.RawData);
            return new Pki(caPublic, ca.ExportCertificatePem(), server, client.ExportCertificatePem(), clientKey.ExportPkcs8PrivateKeyPem());
        }
    }
}
