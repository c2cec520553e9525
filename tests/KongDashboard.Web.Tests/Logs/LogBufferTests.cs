using Bunit;
using KongDashboard.Core.Controller;
using KongDashboard.Core.Kong;
using KongDashboard.Hosting;
using KongDashboard.Logs;
using KongDashboard.Web.Tests.Components;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KongDashboard.Web.Tests.Logs;

public sealed class LogBufferTests
{
    /// <summary>A logger factory with the page's provider and a plain recording one beside it (the positive control).</summary>
    private static (ILoggerFactory Factory, LogBuffer Buffer, List<string> Raw) Logging(int capacity = LogBuffer.DefaultCapacity)
    {
        var buffer = new LogBuffer(capacity);
        var raw = new List<string>();
        var factory = LoggerFactory.Create(b => b
            .SetMinimumLevel(LogLevel.Trace)
            .AddProvider(new BufferLoggerProvider(buffer, TimeProvider.System))
            .AddProvider(new RecordingProvider(raw)));
        return (factory, buffer, raw);
    }

    [Fact]
    public void The_ring_keeps_only_the_newest_entries()
    {
        var (factory, buffer, _) = Logging(capacity: 3);
        var logger = factory.CreateLogger("KongDashboard.Core.Sync.ConfigSync");

        for (var i = 1; i <= 5; i++)
        {
            logger.LogInformation("push {Number}", i);
        }

        Assert.Equal(["push 3", "push 4", "push 5"], buffer.Entries().Select(e => e.Message));
        Assert.Equal([3L, 4L, 5L], buffer.Entries().Select(e => e.Sequence));
        Assert.Equal(5, buffer.Changes.Current.Sequence);
        Assert.Equal("ConfigSync", buffer.Entries()[0].ShortCategory);
        Assert.Equal("3", Assert.Single(buffer.Entries()[0].Properties).Value);
    }

    [Fact]
    public void A_ring_without_room_is_refused_with_the_reason()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new LogBuffer(0));
        Assert.Contains("LogBuffer", error.Message);
    }

    [Fact]
    public void Debug_lines_stay_out_of_the_ring()
    {
        var (factory, buffer, raw) = Logging();
        var logger = factory.CreateLogger("test");

        logger.LogDebug("chatty");
        logger.LogWarning("kept");

        Assert.Contains("chatty", raw);
        Assert.Equal(["kept"], buffer.Entries().Select(e => e.Message));
    }

    [Fact]
    public void A_credential_logged_by_mistake_is_redacted_in_message_values_and_exception()
    {
        var secret = "log-secret-" + Guid.NewGuid().ToString("N");
        SecretRedactor.Remember([secret]);
        var (factory, buffer, raw) = Logging();
        var logger = factory.CreateLogger("test");

        logger.LogError(new InvalidOperationException($"boom {secret}"), "token is {Token}", secret);

        // Positive control: the value did reach the logging pipeline.
        Assert.Contains($"token is {secret}", raw);
        var entry = Assert.Single(buffer.Entries());
        Assert.Equal($"token is {SecretRedactor.Redacted}", entry.Message);
        Assert.Equal(SecretRedactor.Redacted, Assert.Single(entry.Properties).Value);
        Assert.Contains("boom " + SecretRedactor.Redacted, entry.Exception);
        Assert.DoesNotContain(secret, entry.Exception);
    }

    [Fact]
    public void A_tls_private_key_logged_by_mistake_is_redacted()
    {
        var body = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        var pem = $"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----";
        var (factory, buffer, raw) = Logging();

        factory.CreateLogger("test").LogWarning("certificate {Name} rejected: {Body}", "tls-a", pem);

        Assert.Contains(raw, line => line.Contains(body, StringComparison.Ordinal));
        var entry = Assert.Single(buffer.Entries());
        Assert.DoesNotContain(body, entry.Message);
        Assert.Equal(["tls-a", SecretRedactor.Redacted], entry.Properties.Select(p => p.Value));
    }

    [Fact]
    public void The_dashboard_registers_the_buffer_as_a_log_provider_once()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDashboardUi();
        services.AddDashboardUi();
        using var provider = services.BuildServiceProvider();
        var text = "registered-" + Guid.NewGuid().ToString("N");

        provider.GetRequiredService<ILoggerFactory>().CreateLogger("test").LogInformation("{Text}", text);

        Assert.Single(provider.GetRequiredService<LogBuffer>().Entries(), e => e.Message == text);
    }

    [Fact]
    public async Task The_page_shows_a_new_line_live_and_filters_by_text_and_level()
    {
        var (factory, buffer, _) = Logging();
        var logger = factory.CreateLogger("KongDashboard.Core.Sync.GatewaySync");
        logger.LogInformation("pushed configuration to gateway-a");
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(TestStates.State(TestStates.Demo, 1)));
        ctx.Services.AddSingleton(buffer);

        var cut = ctx.Render<KongDashboard.Components.Pages.Logs>();
        Assert.Equal(["pushed configuration to gateway-a"], Messages(cut));
        Assert.NotNull(cut.Find("[role=status][aria-label='Data source']"));

        // Written after the page opened: appears without any interaction, newest first.
        logger.LogWarning("gateway-b rejected the configuration");
        cut.WaitForAssertion(() => Assert.Equal(["gateway-b rejected the configuration", "pushed configuration to gateway-a"], Messages(cut)));

        // Text filter (typed): the Information line is present, then absent.
        cut.Find("input[data-testid=filter-text]").Input("gateway-b");
        cut.WaitForAssertion(() => Assert.Equal(["gateway-b rejected the configuration"], Messages(cut)));
        cut.Find("input[data-testid=filter-text]").Input("");
        cut.WaitForAssertion(() => Assert.Equal(2, Messages(cut).Count));

        // Level filter (as the select writes it, in the URL): Warning and up hides the Information line.
        var nav = ctx.Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo(nav.GetUriWithQueryParameter("level", "Warning"));
        cut.WaitForAssertion(() => Assert.Equal(["gateway-b rejected the configuration"], Messages(cut)));
    }

    [Fact]
    public async Task Details_show_the_scrubbed_properties_and_paused_pages_hold_still()
    {
        var (factory, buffer, _) = Logging();
        var logger = factory.CreateLogger("test");
        logger.LogError(new InvalidOperationException("kong said no"), "sync of {Gateway} failed", "gateway-c");
        await using var ctx = DashboardTestContext.Create(new StateFeed<ControllerState>(TestStates.State(TestStates.Demo, 1)));
        ctx.Services.AddSingleton(buffer);
        var cut = ctx.Render<KongDashboard.Components.Pages.Logs>();

        Assert.Empty(cut.FindAll("[data-testid=log-details]"));
        cut.Find("[data-testid=log-details-toggle]").Click();
        var details = cut.Find("[data-testid=log-details]").TextContent;
        Assert.Contains("Gateway = gateway-c", details);
        Assert.Contains("kong said no", details);

        cut.Find("input[data-testid=live-tail]").Change(false);
        logger.LogInformation("written while paused");
        // Resuming shows it: proves the line was there to hide.
        Assert.Equal(2, buffer.Entries().Count);
        Assert.Equal(["sync of gateway-c failed"], Messages(cut));
        cut.Find("input[data-testid=live-tail]").Change(true);
        cut.WaitForAssertion(() => Assert.Equal(["written while paused", "sync of gateway-c failed"], Messages(cut)));
    }

    private static List<string> Messages(IRenderedComponent<KongDashboard.Components.Pages.Logs> cut) =>
        cut.FindAll("[data-testid=log-message]").Select(e => e.TextContent).ToList();

    private sealed class RecordingProvider(List<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Recorder(lines);

        public void Dispose()
        {
        }

        private sealed class Recorder(List<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                lock (lines)
                {
                    lines.Add(formatter(state, exception));
                }
            }
        }
    }
}
