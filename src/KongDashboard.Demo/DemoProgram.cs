
namespace KongDashboard.Hosting;

/// <summary>
/// `dotnet run --project src/KongDashboard.Demo`: the dashboard on a real cluster when one is found (in a pod, or a
/// kubeconfig), otherwise on the embedded demo cluster (or always with <c>Cluster:Mode=Embedded</c>).
/// </summary>
public sealed class DemoProgram
{
    private DemoProgram()
    {
    }

    public static async Task<int> Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.AddKongDashboard();
        builder.AddEmbeddedDemoCluster();
        var app = builder.Build();
        app.UseKongDashboard();
        await app.RunAsync();
        return 0;
    }
}
