using Backend.Hosting.ApplicationModel.Aws;

namespace Backend.Hosting.ApplicationModel;

/// <summary>
/// Checks, when the application is built, what no single builder call can: that every referenced or awaited
/// resource belongs to this application, that waits form no cycle, and that each resource is complete.
/// </summary>
internal static class ModelValidator
{
    public static void Validate(IReadOnlyList<IResource> resources)
    {
        var known = new HashSet<IResource>(resources, ReferenceEqualityComparer.Instance);
        foreach (var resource in resources)
        {
            foreach (var (target, relation) in Relations(resource))
            {
                if (!known.Contains(target))
                {
                    throw new DistributedApplicationException(
                        $"{resource} {relation} {target}, which is not part of this application: add it with this builder first.");
                }
            }

            ValidateHealthChecks(resource);
            ValidateWaitsForWorkloads(resource);
            (resource as DynamoDbTableResource)?.Validate();
        }

        RejectWaitCycles(resources);
    }

    private static IEnumerable<(IResource Target, string Relation)> Relations(IResource resource)
    {
        foreach (var reference in resource.Annotations.OfType<ReferenceAnnotation>())
        {
            yield return (reference.Resource, "references");
        }

        foreach (var wait in resource.Annotations.OfType<WaitAnnotation>())
        {
            yield return (wait.Resource, "waits for");
        }

        foreach (var runsOn in resource.Annotations.OfType<RunsOnAnnotation>())
        {
            yield return (runsOn.Instance, "runs on");
        }

        if (resource is IResourceWithParent child)
        {
            yield return (child.Parent, "lives in");
        }
    }

    private static void ValidateHealthChecks(IResource resource)
    {
        foreach (var check in resource.Annotations.OfType<HttpHealthCheckAnnotation>())
        {
            if (!resource.GetEndpoints().Any(e => e.Name == check.EndpointName && e.IsHttp))
            {
                throw new DistributedApplicationException(
                    $"The health check of {resource} probes the endpoint '{check.EndpointName}', but it has no such HTTP endpoint.");
            }
        }
    }

    // A workload starts only when its instance is started by the orchestrator, so waiting for it at start-up would hang.
    private static void ValidateWaitsForWorkloads(IResource resource)
    {
        foreach (var wait in resource.Annotations.OfType<WaitAnnotation>())
        {
            if (wait.Resource.Annotations.OfType<RunsOnAnnotation>().FirstOrDefault() is { } runsOn)
            {
                throw new DistributedApplicationException(
                    $"{resource} cannot wait for {wait.Resource}: it runs on {runsOn.Instance} and starts only when that instance is started.");
            }
        }
    }

    private static void RejectWaitCycles(IReadOnlyList<IResource> resources)
    {
        var state = new Dictionary<IResource, bool>(ReferenceEqualityComparer.Instance); // false: on the path, true: done
        var path = new List<IResource>();
        foreach (var resource in resources)
        {
            Visit(resource, state, path);
        }
    }

    private static void Visit(IResource resource, Dictionary<IResource, bool> state, List<IResource> path)
    {
        if (state.TryGetValue(resource, out var done))
        {
            if (!done)
            {
                var cycle = path.Skip(path.IndexOf(resource)).Append(resource).Select(r => r.Name);
                throw new DistributedApplicationException($"The resources wait for each other in a cycle: {string.Join(" → ", cycle)}.");
            }

            return;
        }

        state[resource] = false;
        path.Add(resource);
        foreach (var dependency in StartDependencies(resource))
        {
            Visit(dependency, state, path);
        }

        path.RemoveAt(path.Count - 1);
        state[resource] = true;
    }

    // A database can only be created once its server runs, so the parent is an implicit wait.
    private static IEnumerable<IResource> StartDependencies(IResource resource) =>
        resource.Annotations.OfType<WaitAnnotation>().Select(w => w.Resource)
            .Concat(resource is IResourceWithParent child ? [child.Parent] : []);
}
