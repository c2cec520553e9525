using KongDashboard.Cli;
using KongDashboard.Hosting;

// CLI verbs run without the web server.
if (args is ["measure-leadership", .. var leadershipArgs])
{
    return await MeasureLeadershipVerb.RunAsync(leadershipArgs, Console.Out);
}

if (args is ["translate", .. var translateArgs])
{
    return await TranslateVerb.RunAsync(translateArgs, Console.In, Console.Out, Console.Error);
}

if (args is ["measure-propagation", .. var measureArgs])
{
    return await MeasurePropagationVerb.RunAsync(measureArgs, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddKongDashboard();
var app = builder.Build();
app.UseKongDashboard();
await app.RunAsync();
return 0;

public partial class Program;
