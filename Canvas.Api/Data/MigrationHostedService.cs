namespace Canvas.Api.Data;

/// <summary>Migrates before the server starts listening, so no request ever meets an old schema.</summary>
internal sealed class MigrationHostedService(SchemaMigrator migrator) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => migrator.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
