using Npgsql;

namespace Canvas.Api.Data;

internal static class DatabaseSetup
{
    public const string ConnectionName = "canvasdb";

    public static IHostApplicationBuilder AddCanvasDatabase(this IHostApplicationBuilder builder)
    {
        // The connection string is read when the data source is first resolved, not here, so that
        // configuration added later (test hosts, secrets providers) is honoured.
        builder.Services.AddNpgsqlDataSource(string.Empty, (services, dataSource) =>
            dataSource.ConnectionStringBuilder.ConnectionString = ReadConnectionString(services.GetRequiredService<IConfiguration>()));
        builder.Services.AddOpenTelemetry().WithTracing(tracing => tracing.AddNpgsql());

        builder.Services.AddSingleton<SchemaMigrator>();
        builder.Services.AddHostedService<MigrationHostedService>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>(ConnectionName);
        return builder;
    }

    private static string ReadConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionName) is { Length: > 0 } configured
            ? PostgresConnectionString.Normalize(configured)
            : throw new InvalidOperationException(
                $"No connection string '{ConnectionName}': set ConnectionStrings__{ConnectionName} " +
                "(the AppHost sets it when the service references the database).");
}
