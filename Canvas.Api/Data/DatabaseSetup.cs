using System.Diagnostics;
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
        {
            dataSource.ConnectionStringBuilder.ConnectionString = ReadConnectionString(services.GetRequiredService<IConfiguration>());
            // Commands outside any trace are background sweeps and checks: as root spans of their own every few seconds
            // they would bury users' traces in the dashboard. They are still in Npgsql's metrics.
            dataSource.ConfigureTracing(tracing => tracing
                .ConfigureCommandFilter(_ => Activity.Current is not null)
                .ConfigureBatchFilter(_ => Activity.Current is not null)
                .EnablePhysicalOpenTracing(false));
        });
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
