using Backend.Dashboard.Resources;

namespace Dashboard.Tests;

/// <summary>Stands in for the AppHost's local runner: resources and console output that a test sets.</summary>
internal sealed class TestResourceSource : IResourceSource
{
    private readonly Lock _lock = new();
    private readonly List<ResourceSnapshot> _resources = [];
    private readonly Dictionary<string, List<ConsoleLogLine>> _console = new(StringComparer.OrdinalIgnoreCase);

    public event Action? Changed;

    public static ResourceSnapshot Running(string name, string type = "Project", params string[] urls) =>
        new(name, type, "Running", "Healthy", urls, 0, [4242], null, null, DateTimeOffset.UtcNow);

    public TestResourceSource Set(ResourceSnapshot resource)
    {
        lock (_lock)
        {
            var index = _resources.FindIndex(r => r.Name == resource.Name);
            if (index >= 0)
            {
                _resources[index] = resource;
            }
            else
            {
                _resources.Add(resource);
            }
        }
        Changed?.Invoke();
        return this;
    }

    public TestResourceSource Write(string resource, string text, bool isError = false, int replica = 0)
    {
        lock (_lock)
        {
            if (!_console.TryGetValue(resource, out var lines))
            {
                _console[resource] = lines = [];
            }
            lines.Add(new ConsoleLogLine(DateTimeOffset.UtcNow, isError, text, replica));
        }
        Changed?.Invoke();
        return this;
    }

    public IReadOnlyList<ResourceSnapshot> GetResources()
    {
        lock (_lock)
        {
            return [.. _resources];
        }
    }

    public IReadOnlyList<ConsoleLogLine> GetConsoleLogs(string resourceName)
    {
        lock (_lock)
        {
            return _console.TryGetValue(resourceName, out var lines) ? [.. lines] : [];
        }
    }
}
