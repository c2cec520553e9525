using KongDashboard.Actions;

namespace KongDashboard.Audit;

public static class AuditServices
{
    /// <summary>
    /// Decorates whatever IDashboardActions is registered (DashboardActions today) with authorization and audit.
    /// Call after that registration.
    /// </summary>
    public static WebApplicationBuilder AddDashboardAudit(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditEventWriter>();
        services.AddScoped<ActionCaller>();
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(IDashboardActions))
            ?? throw new InvalidOperationException("Register IDashboardActions before AddDashboardAudit.");
        services.Remove(registered);
        services.Add(new ServiceDescriptor(typeof(IDashboardActions), sp => ActivatorUtilities.CreateInstance<AuthorizedAuditedActions>(sp, Inner(sp, registered)), registered.Lifetime));
        return builder;
    }

    private static IDashboardActions Inner(IServiceProvider sp, ServiceDescriptor registered) =>
        registered.ImplementationFactory is { } factory ? (IDashboardActions)factory(sp)
        : registered.ImplementationInstance is IDashboardActions instance ? instance
        : (IDashboardActions)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
}
