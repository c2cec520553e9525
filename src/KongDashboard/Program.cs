using KongDashboard.Cli;
using KongDashboard.Hosting;

// The translate verb runs without the web server.
if (args is ["translate", .. var translateArgs])
{
    return await TranslateVerb.RunAsync(translateArgs, Console.In, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddKongDashboard();
var app = builder.Build();
app.UseKongDashboard();
await app.RunAsync();
return 0;

public partial class Program;
