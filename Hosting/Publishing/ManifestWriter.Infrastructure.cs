using System.Text.Json;
using System.Text.RegularExpressions;
using Backend.Hosting.ApplicationModel;
using Backend.Hosting.ApplicationModel.Aws;
using Backend.Hosting.Publishing.CloudFormation;

namespace Backend.Hosting.Publishing;

/// <summary>The entries of resources that are not processes: parameters, PostgreSQL, AWS.</summary>
internal sealed partial class ManifestWriter
{
    private static readonly JsonSerializerOptions s_templateOptions = new() { WriteIndented = true, Encoder = s_options.Encoder };

    private static void WriteParameter(Utf8JsonWriter writer, ParameterResource parameter)
    {
        writer.WriteString("type", "parameter.v0");
        writer.WriteString("value", $"{{{parameter.Name}.inputs.value}}");
        writer.WriteStartObject("inputs");
        writer.WriteStartObject("value");
        writer.WriteString("type", "string");
        if (parameter.Secret)
        {
            writer.WriteBoolean("secret", true);
        }

        if (parameter.GeneratedDefault is { } generated)
        {
            writer.WriteStartObject("default");
            writer.WriteStartObject("generate");
            writer.WriteNumber("minLength", generated.MinLength);
            writer.WriteBoolean("special", false);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // Aspire 8's shape for AddPostgres: a container whose password comes from the parameter.
    private static void WritePostgresServer(Utf8JsonWriter writer, PostgresServerResource server)
    {
        writer.WriteString("type", "container.v0");
        writer.WriteString("connectionString", server.ConnectionStringExpression.ValueExpression);
        writer.WriteString("image", PostgresServerResource.Image);
        writer.WriteStartObject("env");
        writer.WriteString("POSTGRES_HOST_AUTH_METHOD", "scram-sha-256");
        writer.WriteString("POSTGRES_INITDB_ARGS", "--auth-host=scram-sha-256 --auth-local=scram-sha-256");
        writer.WriteString("POSTGRES_USER", PostgresServerResource.UserName);
        writer.WriteString("POSTGRES_PASSWORD", server.Password.ValueExpression);
        writer.WriteEndObject();
        WriteBindings(writer, server);
    }

    // Aspire.Hosting.AWS's shape: one stack per template, and the resources referencing it listed as targets.
    private void WriteCloudFormationTemplate(Utf8JsonWriter writer, IAwsResource resource)
    {
        var templatePath = $"{ManifestPublisher.TemplatesFolder}/{resource.Name}.template.json";
        _files[templatePath] = CloudFormationTemplates.For(resource).ToJsonString(s_templateOptions) + "\n";

        writer.WriteString("type", "aws.cloudformation.template.v0");
        writer.WriteString("stack-name", StackName(resource));
        writer.WriteString("template-path", templatePath);
        writer.WriteStartArray("references");
        foreach (var target in _model.Resources.Where(r => r.Annotations.OfType<ReferenceAnnotation>().Any(a => a.Resource == resource)))
        {
            writer.WriteStartObject();
            writer.WriteString("target-resource", target.Name);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    // Stack names allow letters, digits and '-' only.
    private static string StackName(IResource resource) => NotInStackName().Replace(resource.Name, "-");

    [GeneratedRegex("[^A-Za-z0-9-]")]
    private static partial Regex NotInStackName();
}
