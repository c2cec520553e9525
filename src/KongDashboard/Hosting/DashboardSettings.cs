using KongDashboard.Core.Controller;

namespace KongDashboard.Hosting;

/// <summary>How to reach a cluster: <c>Cluster:*</c> in configuration.</summary>
public sealed class ClusterSettings
{
    public ClusterModeSetting Mode { get; set; } = ClusterModeSetting.Auto;

    /// <summary>Kubeconfig file; default: $KUBECONFIG, else ~/.kube/config.</summary>
    public string? Kubeconfig { get; set; }

    /// <summary>Kubeconfig context; default: the file's current context.</summary>
    public string? Context { get; set; }
}

/// <summary>Which cluster: Auto finds one (in a pod, else a kubeconfig). The demo adds its own value, Embedded.</summary>
public enum ClusterModeSetting
{
    Auto,
    InCluster,
    Kubeconfig,
}

/// <summary>The controller core: <c>Controller:*</c> in configuration.</summary>
public sealed class ControllerSettings
{
    public ControllerRoleSetting Role { get; set; } = ControllerRoleSetting.Auto;

    /// <summary>This replica's identity; default: $POD_NAME, else the machine name.</summary>
    public string? InstanceId { get; set; }

    public string IngressClass { get; set; } = "kong";

    /// <summary>KIC-style feature gates, e.g. "ExpressionRoutes=true".</summary>
    public string? FeatureGates { get; set; }

    /// <summary>KIC's --gateway-api-controller-name: Gateway API routes are translated when their Gateway's class names it.</summary>
    public string GatewayApiControllerName { get; set; } = "konghq.com/kic-gateway-controller";
}

public enum ControllerRoleSetting
{
    Auto,
    Active,
    Observer,
}

internal static class ControllerRoles
{
    /// <summary>From a laptop through a kubeconfig the core only observes unless told otherwise; elsewhere it acts.</summary>
    public static ControllerRole Resolve(ControllerRoleSetting setting, ClusterMode mode) => setting switch
    {
        ControllerRoleSetting.Active => ControllerRole.Active,
        ControllerRoleSetting.Observer => ControllerRole.Observer,
        _ => mode == ClusterMode.Kubeconfig ? ControllerRole.Observer : ControllerRole.Active,
    };
}

internal static class TranslatorSettings
{
    public static KongDashboard.Core.Translation.TranslatorOptions From(ControllerSettings settings) => new()
    {
        IngressClass = settings.IngressClass,
        FeatureGates = KongDashboard.Core.Translation.FeatureGates.Parse(settings.FeatureGates),
        GatewayControllerName = settings.GatewayApiControllerName,
    };
}

/// <summary>Where Kong's Admin APIs are: <c>Kong:*</c> in configuration.</summary>
public sealed class KongSettings
{
    /// <summary>"namespace/name" of the Kong Admin API Service for gateway discovery (the demo sets kong/kong-admin).</summary>
    public string? AdminService { get; set; }

    /// <summary>Comma-separated port names of that Service; a "-tls" port is https and preferred (see KongSyncOptions).</summary>
    public string AdminPortNames { get; set; } = string.Join(',', KongDashboard.Core.Sync.KongSyncOptions.DefaultAdminPortNames);

    /// <summary>Comma-separated static Admin API URLs (sidecar mode) instead of discovery.</summary>
    public string? AdminUrls { get; set; }

    public int TimeoutSeconds { get; set; } = 30;

    /// <summary>Kong's database: "off" (DB-less, POST /config) or "postgres" (DB mode: the leader writes entities by diff).</summary>
    public string? Database { get; set; }

    /// <summary>DB mode: seconds between full reconciliations (dump + diff, corrects drift).</summary>
    public double FullReconcileSeconds { get; set; } = 60;

    public bool FallbackConfiguration { get; set; } = true;

    public bool TlsSkipVerify { get; set; }

    /// <summary>Kong's RBAC token, sent as Kong-Admin-Token (or <see cref="AdminTokenSecret"/>; never both).</summary>
    public string? AdminToken { get; set; }

    /// <summary>"namespace/name" of a Secret holding the token under <see cref="AdminTokenSecretKey"/>.</summary>
    public string? AdminTokenSecret { get; set; }

    public string AdminTokenSecretKey { get; set; } = "token";

    /// <summary>CA bundle (PEM text or file path) to verify the Admin API's certificate.</summary>
    public string? CaCertificate { get; set; }

    /// <summary>mTLS client certificate and key (PEM text or file path each).</summary>
    public string? ClientCertificate { get; set; }

    public string? ClientKey { get; set; }

    /// <summary>Name to verify the Admin API certificate against, instead of the URL's host (or discovery's pod name).</summary>
    public string? TlsServerName { get; set; }

    public KongDashboard.Core.Sync.KongAdminAccess ToAccess() => new()
    {
        Token = AdminToken,
        TokenSecret = AdminTokenSecret,
        TokenSecretKey = AdminTokenSecretKey,
        CaCertificate = CaCertificate,
        ClientCertificate = ClientCertificate,
        ClientKey = ClientKey,
        TlsServerName = TlsServerName,
    };

    /// <summary>"namespace/name" of the Kong Deployment whose HPAs the Autoscaling page shows (the demo sets kong/kong-gateway).</summary>
    public string? Deployment { get; set; }

    public KongDashboard.Core.Autoscaling.AutoscalingOptions ToAutoscalingOptions() => new()
    {
        KongDeployment = Deployment,
    };

    public KongDashboard.Core.Sync.KongSyncOptions? ToOptions()
    {
        var service = AdminService;
        var urls = Split(AdminUrls);
        if (service is null && urls.Count == 0)
        {
            return null;
        }

        return new KongDashboard.Core.Sync.KongSyncOptions
        {
            AdminService = service,
            AdminPortNames = Split(AdminPortNames),
            AdminUrls = urls,
            Timeout = TimeSpan.FromSeconds(TimeoutSeconds),
            Database = Database,
            FullReconcileInterval = TimeSpan.FromSeconds(FullReconcileSeconds),
            FallbackConfiguration = FallbackConfiguration,
            TlsSkipVerify = TlsSkipVerify,
            Access = ToAccess(),
        };
    }

    private static List<string> Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}

/// <summary>Refuses to start with Kong Admin API access settings that cannot work, naming each setting and why.</summary>
internal sealed class KongSettingsValidator : Microsoft.Extensions.Options.IValidateOptions<KongSettings>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, KongSettings options)
    {
        var errors = options.ToAccess().Validate();
        return errors.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(errors);
    }
}
