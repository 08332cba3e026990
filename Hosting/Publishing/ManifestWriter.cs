using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Backend.Hosting.ApplicationModel;
using Backend.Hosting.ApplicationModel.Aws;

namespace Backend.Hosting.Publishing;

/// <summary>
/// Turns the model into the manifest's JSON, one entry per resource, in the shapes Aspire 8 writes:
/// projects and executables with their environment as placeholders, parameters, the PostgreSQL container and its
/// databases, and the AWS resources as CloudFormation templates (as Aspire.Hosting.AWS writes them).
/// </summary>
internal sealed partial class ManifestWriter
{
    private const string SchemaUrl = "https://json.schemastore.org/aspire-8.0.json";

    // Relaxed escaping keeps '+', '&' and quotes in connection strings readable; the file is never embedded in HTML.
    private static readonly JsonWriterOptions s_options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly DistributedApplicationModel _model;
    private readonly string _manifestDirectory;
    private readonly DistributedApplicationExecutionContext _publishContext;
    private readonly Dictionary<string, string> _files = new(StringComparer.Ordinal);

    public ManifestWriter(DistributedApplicationModel model, string manifestDirectory)
    {
        _model = model;
        _manifestDirectory = manifestDirectory;
        _publishContext = new DistributedApplicationExecutionContext(
            DistributedApplicationOperation.Publish, model.ExecutionContext.Aws, model.ExecutionContext.Telemetry);
    }

    public async Task<ManifestOutput> WriteAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, s_options))
        {
            writer.WriteStartObject();
            writer.WriteString("$schema", SchemaUrl);
            writer.WriteStartObject("resources");
            foreach (var resource in _model.Resources)
            {
                writer.WriteStartObject(resource.Name);
                await WriteResourceAsync(writer, resource, cancellationToken).ConfigureAwait(false);
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new ManifestOutput(Encoding.UTF8.GetString(buffer.ToArray()) + "\n", _files);
    }

    private Task WriteResourceAsync(Utf8JsonWriter writer, IResource resource, CancellationToken cancellationToken)
    {
        switch (resource)
        {
            case ProjectResource project:
                writer.WriteString("type", "project.v0");
                writer.WriteString("path", RelativePath(project.ProjectPath));
                return WriteProcessAsync(writer, project, cancellationToken);
            case ExecutableResource executable:
                writer.WriteString("type", "executable.v0");
                writer.WriteString("workingDirectory", RelativePath(executable.WorkingDirectory));
                writer.WriteString("command", executable.Command);
                return WriteProcessAsync(writer, executable, cancellationToken);
            case ParameterResource parameter:
                WriteParameter(writer, parameter);
                return Task.CompletedTask;
            case PostgresServerResource server:
                WritePostgresServer(writer, server);
                return Task.CompletedTask;
            case PostgresDatabaseResource database:
                writer.WriteString("type", "value.v0");
                writer.WriteString("connectionString", database.ConnectionStringExpression.ValueExpression);
                return Task.CompletedTask;
            case IAwsResource aws:
                WriteCloudFormationTemplate(writer, aws);
                return Task.CompletedTask;
            default:
                throw new NotSupportedException($"The manifest publisher cannot describe {resource}.");
        }
    }

    private async Task WriteProcessAsync(Utf8JsonWriter writer, IResource resource, CancellationToken cancellationToken)
    {
        var args = await resource.GetArgumentsAsync(_publishContext, cancellationToken).ConfigureAwait(false);
        if (args.Count > 0)
        {
            writer.WriteStartArray("args");
            foreach (var arg in args)
            {
                writer.WriteStringValue(arg);
            }

            writer.WriteEndArray();
        }

        var environment = await resource.GetEnvironmentVariablesAsync(_publishContext, cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        if (environment.Count > 0)
        {
            writer.WriteStartObject("env");
            foreach (var (name, value) in environment)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        WriteBindings(writer, resource);
    }

    private static void WriteBindings(Utf8JsonWriter writer, IResource resource)
    {
        var endpoints = resource.GetEndpoints().ToList();
        if (endpoints.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("bindings");
        foreach (var endpoint in endpoints)
        {
            writer.WriteStartObject(endpoint.Name);
            writer.WriteString("scheme", endpoint.UriScheme);
            writer.WriteString("protocol", "tcp");
            writer.WriteString("transport", endpoint.Transport);
            if (endpoint.Port is { } port)
            {
                writer.WriteNumber("port", port);
            }

            // A process with a fixed port listens on it; a container may listen on another (PostgreSQL's 5432).
            if ((endpoint.TargetPort ?? endpoint.Port) is { } targetPort)
            {
                writer.WriteNumber("targetPort", targetPort);
            }

            if (endpoint.IsExternal)
            {
                writer.WriteBoolean("external", true);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    // Paths in the manifest are relative to the manifest, with '/' on every platform, as Aspire writes them.
    private string RelativePath(string path) =>
        Path.GetRelativePath(_manifestDirectory, path).Replace('\\', '/');
}
