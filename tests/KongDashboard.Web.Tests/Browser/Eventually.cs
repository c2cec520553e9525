using System.Diagnostics;

namespace KongDashboard.Web.Tests.Browser;

/// <summary>Awaits a condition instead of sleeping: retries an assertion until it holds or the time is up.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<Task> assertion, int timeoutMs = 10_000)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (deadline.ElapsedMilliseconds < timeoutMs)
            {
                await Task.Delay(50); // poll interval
            }
        }
    }
}
