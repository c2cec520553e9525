using System.Globalization;
using KongDashboard.Core.Kong;

namespace KongDashboard.Logs;

/// <summary>
/// An <see cref="ILoggerProvider"/> writing into the <see cref="LogBuffer"/> behind the Logs page. Every text
/// (message, exception, structured values) goes through <see cref="SecretRedactor.Scrub"/> before it is kept, so a
/// value from a Secret that reaches a log call never reaches the page.
/// </summary>
public sealed class BufferLoggerProvider(LogBuffer buffer, TimeProvider time) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => new BufferLogger(buffer, time, categoryName);

    public void Dispose()
    {
    }

    /// <summary>A structured value as kept: a whole remembered Secret value is redacted even when too short to scrub as text.</summary>
    internal static string ScrubValue(object? value)
    {
        var text = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
        return SecretRedactor.IsSecretValue(text) ? SecretRedactor.Redacted : SecretRedactor.Scrub(text);
    }

    private sealed class BufferLogger(LogBuffer buffer, TimeProvider time, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // Debug and Trace stay out: they would push the useful lines out of the ring within seconds.
        public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Information and < LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var message = SecretRedactor.Scrub(formatter(state, exception));
            var error = exception is null ? null : SecretRedactor.Scrub(exception.ToString());
            var properties = state is IReadOnlyList<KeyValuePair<string, object?>> values
                ? values.Where(p => p.Key != "{OriginalFormat}").Select(p => KeyValuePair.Create(p.Key, ScrubValue(p.Value))).ToList()
                : [];
            buffer.Add(sequence => new LogEntry(sequence, time.GetUtcNow(), logLevel, category, eventId.Id, message, error, properties));
        }
    }
}
