using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace KongDashboard.Hosting;

/// <summary>Where the replicas keep the Data Protection key ring that protects sign-in cookies.</summary>
public sealed class KeyRingSettings
{
    /// <summary>
    /// The Secret holding the key ring, <c>namespace/name</c>. Default: <c>$POD_NAMESPACE/kong-dashboard-keys</c> in a
    /// pod (so every replica accepts the same sign-in), none elsewhere (keys live in the process).
    /// </summary>
    public string? Secret { get; set; }

    public (string Namespace, string Name)? Resolve()
    {
        var value = Secret;
        if (string.IsNullOrEmpty(value) && Environment.GetEnvironmentVariable("POD_NAMESPACE") is { Length: > 0 } podNamespace)
        {
            value = $"{podNamespace}/kong-dashboard-keys";
        }

        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var parts = value.Split('/');
        return parts.Length == 2 && parts[0].Length > 0 && parts[1].Length > 0
            ? (parts[0], parts[1])
            : throw new OptionsValidationException("Dashboard:KeyRing:Secret", typeof(KeyRingSettings),
                [$"Dashboard:KeyRing:Secret must be namespace/name, not \"{value}\""]);
    }
}

public static class SharedKeyRing
{
    /// <summary>One application name, so replicas (and restarts) derive the same purpose keys from the shared ring.</summary>
    public const string ApplicationName = "kong-dashboard";

    public static WebApplicationBuilder AddSharedKeyRing(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection("Dashboard:KeyRing").Get<KeyRingSettings>() ?? new KeyRingSettings();
        var dataProtection = builder.Services.AddDataProtection().SetApplicationName(ApplicationName);
        if (settings.Resolve() is { } secret)
        {
            builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp => new ConfigureOptions<KeyManagementOptions>(o =>
            {
                var host = sp.GetRequiredService<ControllerHost>();
                o.XmlRepository = new SecretXmlRepository(host.ClientAsync, secret.Namespace, secret.Name);
            }));
        }

        return builder;
    }
}
