using KongDashboard.Cli;

// dotnet run -c Release --project src/KongDashboard.Measure -- measure-propagation | measure-leadership | measure-db-sync | measure-idle-traffic | measure-scale [options]
return args switch
{
    ["measure-propagation", .. var rest] => await MeasurePropagationVerb.RunAsync(rest, Console.Out, Console.Error),
    ["measure-leadership", .. var rest] => await MeasureLeadershipVerb.RunAsync(rest, Console.Out),
    ["measure-db-sync", .. var rest] => await MeasureDbSyncVerb.RunAsync(rest, Console.Out, Console.Error),
    ["measure-idle-traffic", .. var rest] => await MeasureIdleTrafficVerb.RunAsync(rest, Console.Out, Console.Error),
    ["measure-scale", .. var rest] => await MeasureScaleVerb.RunAsync(rest, Console.Out, Console.Error),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: KongDashboard.Measure measure-propagation [--ingresses N] [--gateways N] [--changes N]");
    Console.Error.WriteLine("       KongDashboard.Measure measure-leadership [--runs N] [--handoff-only | --failover-only]");
    Console.Error.WriteLine("       KongDashboard.Measure measure-db-sync [--ingresses N] [--changes N] [--gateways N] [--db-update-ms N]");
    Console.Error.WriteLine("       KongDashboard.Measure measure-idle-traffic [--root DIR] [--gateways N] [--seconds S]");
    Console.Error.WriteLine("       KongDashboard.Measure measure-scale [--root DIR] [--ingresses N] [--gateways G] [--searches S] [--skip-controller]");
    return 1;
}
