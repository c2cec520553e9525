using System.Text;
using System.Text.Json.Nodes;
using KongDashboard.EmbeddedCluster.Store;
using Microsoft.AspNetCore.Http;

namespace KongDashboard.EmbeddedCluster.Rest;

/// <summary>
/// Streams a store watch as the API server does: 200 + application/json, headers flushed at once, one
/// newline-terminated JSON event per chunk, periodic BOOKMARKs on request, clean close at timeoutSeconds.
/// </summary>
internal sealed class WatchStreamer(ResourceStore store, FaultInjector faults, TimeSpan bookmarkInterval, CancellationToken serverStopping)
{
    public async Task StreamAsync(HttpContext context, ResourceKind kind, string? ns, string? fieldSelector, bool table, bool includeObject)
    {
        var query = context.Request.Query;
        var streamingList = ApiRequestHandler.IsTrue(query["sendInitialEvents"]);
        // Opening the watch first lets selector/RV errors still answer with a proper status code.
        using var subscription = store.Watch(kind, ns, query["resourceVersion"], query["labelSelector"], fieldSelector,
            initialEventsEndBookmark: streamingList);

        var dropToken = faults.WatchDropToken;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, dropToken, serverStopping);
        if (int.TryParse(query["timeoutSeconds"], out var timeout) && timeout > 0)
        {
            cts.CancelAfter(TimeSpan.FromSeconds(timeout));
        }

        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-cache, private";
        await response.StartAsync(context.RequestAborted);
        await response.Body.FlushAsync(context.RequestAborted);

        var bookmarks = ApiRequestHandler.IsTrue(query["allowWatchBookmarks"])
            ? RequestBookmarksAsync(subscription, cts.Token)
            : Task.CompletedTask;
        var firstTableEvent = true;
        try
        {
            await foreach (var ev in subscription.ReadAllAsync(cts.Token))
            {
                var obj = table && ev.Type is not (WatchEvent.Bookmark or WatchEvent.Error)
                    ? TableConverter.ToTable(kind, [ev.Object], ev.Object.ResourceVersion() ?? "", includeObject, withColumns: firstTableEvent)
                    : ev.Object;
                if (obj != ev.Object)
                {
                    firstTableEvent = false;
                }

                var line = JsonWire.Serialize(new JsonObject { ["type"] = ev.Type, ["object"] = obj }) + "\n";
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), cts.Token);
                await response.Body.FlushAsync(cts.Token);
                if (ev.Type == WatchEvent.Error)
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // timeoutSeconds and client disconnects end the stream cleanly; an injected drop aborts the connection
            // so the client sees a broken stream instead of a normal end.
            if (dropToken.IsCancellationRequested)
            {
                context.Abort();
            }
        }
        finally
        {
            await cts.CancelAsync();
            await bookmarks;
        }
    }

    private async Task RequestBookmarksAsync(WatchSubscription subscription, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(bookmarkInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                subscription.RequestBookmark();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
