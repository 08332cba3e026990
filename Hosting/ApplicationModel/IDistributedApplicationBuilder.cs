using Backend.Hosting.ApplicationModel;
using Backend.Hosting.Publishing;
using Microsoft.Extensions.Configuration;

namespace Backend.Hosting;

/// <summary>Declares the resources of the application; <see cref="Build"/> checks them and freezes the model.</summary>
public interface IDistributedApplicationBuilder
{
    /// <summary>Gets the AppHost's configuration: user secrets, environment variables and the command line, in rising priority.</summary>
    ConfigurationManager Configuration { get; }

    /// <summary>Gets whether the application is run or published, and the run-mode values the local runner fills in.</summary>
    DistributedApplicationExecutionContext ExecutionContext { get; }

    /// <summary>Gets the AppHost project directory.</summary>
    string AppHostDirectory { get; }

    /// <summary>Gets the resources added so far, in order.</summary>
    IReadOnlyList<IResource> Resources { get; }

    /// <summary>Gets the publishers selectable with <c>--publisher &lt;name&gt;</c>; <c>manifest</c> is built in.</summary>
    IDictionary<string, IDistributedApplicationPublisher> Publishers { get; }

    /// <summary>Adds a resource; names are unique case-insensitively.</summary>
    /// <param name="resource">The resource.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    IResourceBuilder<T> AddResource<T>(T resource)
        where T : IResource;

    /// <summary>Creates a builder for a resource already added.</summary>
    /// <param name="resource">The resource.</param>
    /// <typeparam name="T">The resource type.</typeparam>
    IResourceBuilder<T> CreateResourceBuilder<T>(T resource)
        where T : IResource;

    /// <summary>Validates the model (references, waits, cycles) and, in run mode, resolves parameter values.</summary>
    DistributedApplication Build();
}
