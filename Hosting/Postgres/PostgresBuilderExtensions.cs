using Aspire.Hosting.ApplicationModel;
using Backend.Hosting.Local;
using Backend.Hosting.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aspire.Hosting;

/// <summary>PostgreSQL: a local server from the machine's binaries at run time, the deployment's own (Supabase) when published.</summary>
public static class PostgresBuilderExtensions
{
    /// <summary>
    /// Adds a PostgreSQL server run locally from the machine's server binaries (no container). In publish mode it is not
    /// part of the application: its databases are connection strings the deployment supplies.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="name">The resource name.</param>
    public static IResourceBuilder<PostgresServerResource> AddPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var server = new PostgresServerResource(name, builder.ExecutionContext.IsRunMode ? PostgresBinaries.FindBinDirectory() : "/usr/lib/postgresql");
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.CreateResourceBuilder(server);
        }

        var healthCheckKey = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheckKey, ct => PostgresReadiness.CheckAsync(server, ct));
        return builder.AddResource(server)
            .WithEndpoint(PostgresServerResource.EndpointName, endpoint =>
            {
                endpoint.UriScheme = "tcp";
                endpoint.IsProxied = false;
                endpoint.TargetHost = "127.0.0.1";
            })
            .WithIconName("Database")
            .WithHealthCheck(healthCheckKey)
            .WithArgs(context =>
            {
                var cluster = server.Cluster ?? throw new InvalidOperationException("The cluster is prepared before the server starts.");
                if (PostgresCluster.RunAsUser is { } user)
                {
                    context.Args.Add($"--reuid={user}");
                    context.Args.Add($"--regid={user}");
                    context.Args.Add("--init-groups");
                    context.Args.Add("--");
                    context.Args.Add(Path.Combine(server.BinDirectory, "postgres"));
                }
                foreach (var argument in (string[])["-D", cluster.DataDirectory, "-h", "127.0.0.1", "-k", cluster.RunDirectory,
                    // Durability is worthless for a throwaway cluster, speed is not.
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off", "-c", "max_connections=200", "-p"])
                {
                    context.Args.Add(argument);
                }
                context.Args.Add(server.Endpoint.Property(EndpointProperty.TargetPort));
            })
            .OnBeforeResourceStarted(static async (server, @event, cancellationToken) =>
            {
                // Once per run: a restart of the server keeps its data.
                if (server.Cluster is null)
                {
                    var logger = @event.Services.GetRequiredService<ResourceLoggerService>().GetLogger(server);
                    server.Cluster = await PostgresCluster.PrepareAsync(server.BinDirectory, new PostgresServerOptions(), logger, cancellationToken).ConfigureAwait(false);
                    var cluster = server.Cluster;
                    @event.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(cluster.DeleteRunDirectory);
                }
            })
            .ExcludeFromManifest();
    }

    /// <summary>
    /// Adds a database: created on the local server once it is healthy; in publish mode a secret connection-string
    /// parameter of the same name (the Supabase connection string), not a container.
    /// </summary>
    /// <param name="server">The server.</param>
    /// <param name="name">The resource name, which is also the connection string's name.</param>
    /// <param name="databaseName">The database's name; the resource name when null.</param>
    public static IResourceBuilder<IResourceWithConnectionString> AddDatabase(
        this IResourceBuilder<PostgresServerResource> server, [ResourceName] string name, string? databaseName = null)
    {
        ArgumentNullException.ThrowIfNull(server);
        var builder = server.ApplicationBuilder;
        if (builder.ExecutionContext.IsPublishMode)
        {
            return builder.AddConnectionString(name);
        }

        var database = new PostgresDatabaseResource(name, databaseName ?? name, server.Resource);
        server.OnResourceReady((_, @event, cancellationToken) => PostgresReadiness.CreateDatabaseAsync(database, @event.Services, cancellationToken));
        return builder.AddResource(database)
            .WithParentRelationship(server)
            .WithIconName("Database")
            .WithInitialState(new()
            {
                ResourceType = "PostgreSQL database",
                State = new(KnownResourceStates.Waiting, KnownResourceStateStyles.Info),
                Properties = [new("database.name", database.DatabaseName)],
            });
    }
}
