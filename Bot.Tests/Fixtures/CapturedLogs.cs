using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Bot.Tests.Fixtures;

/// <summary>Every log line a host writes at <paramref name="minimum"/> or above (Warning unless told), kept for a test to read.</summary>
public sealed class CapturedLogs(LogLevel minimum = LogLevel.Warning) : ILoggerProvider, ISupportExternalScope
{
    private IExternalScopeProvider? _scopes;

    private LogLevel Minimum { get; } = minimum;

    /// <param name="Written">All a log sink could write of the line: the message, its structured values, its scopes and the exception.</param>
    public ConcurrentQueue<(LogLevel Level, string Category, string Message, Exception? Exception, string Written)> Lines { get; } = new();

    /// <summary>
    /// Registers the capture in a host, seeing every category at <c>minimum</c> whatever the host's own Logging
    /// settings filter for its other sinks.
    /// </summary>
    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(this);
        services.AddLogging(logging => logging.AddFilter<CapturedLogs>(null, Minimum));
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => logs._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= logs.Minimum && logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
                return;
            var message = formatter(state, exception);
            var written = new StringBuilder(message);
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                    written.Append(' ').Append(key).Append('=').Append(value);
            }
            logs._scopes?.ForEachScope((scope, text) => text.Append(" scope=").Append(scope), written);
            if (exception is not null)
                written.Append(' ').Append(exception);
            logs.Lines.Enqueue((logLevel, category, message, exception, written.ToString()));
        }
    }
}
