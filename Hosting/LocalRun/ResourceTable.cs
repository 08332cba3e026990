using Spectre.Console;
using Spectre.Console.Rendering;

namespace Backend.Hosting.LocalRun;

/// <summary>How resources look in the terminal.</summary>
internal static class ResourceTable
{
    public static IRenderable Render(IReadOnlyList<ResourceRuntime> resources)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumns("Resource", "Type", "State", "Health", "URL", "Restarts", "Details");
        foreach (var resource in resources)
        {
            table.AddRow(
                new Text(resource.Resource.Name),
                new Text(resource.Type, new Style(Color.Grey)),
                new Markup(State(resource)),
                new Markup(resource.Health switch { "Healthy" => "[green]Healthy[/]", "Unhealthy" => "[red]Unhealthy[/]", _ => "" }),
                new Text(string.Join("\n", resource.Urls), new Style(Color.Aqua)),
                new Text(resource.Restarts == 0 ? "" : resource.Restarts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Text(resource.Message ?? ""));
        }
        return table;
    }

    public static string Line(ResourceRuntime resource)
    {
        var health = resource.Health is { } h ? $" ({h})" : "";
        var restarts = resource.Restarts > 0 ? $", {resource.Restarts} restarts" : "";
        var message = resource.Message is { } m ? $": {m}" : "";
        return $"{resource.Resource.Name.EscapeMarkup()} {State(resource)}{health}{restarts}{message.EscapeMarkup()}";
    }

    private static string State(ResourceRuntime resource) => resource.State switch
    {
        ResourceState.Running => "[green]Running[/]",
        ResourceState.Starting => "[yellow]Starting[/]",
        ResourceState.Waiting => "[grey]Waiting[/]",
        ResourceState.Exited => "[red]Exited[/]",
        ResourceState.FailedToStart => "[red bold]Failed to start[/]",
        ResourceState.Stopping => "[yellow]Stopping[/]",
        _ => "[grey]Stopped[/]",
    };
}
