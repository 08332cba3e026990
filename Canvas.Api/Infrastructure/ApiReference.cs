using Microsoft.AspNetCore.Authorization;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Canvas.Api.Infrastructure;

/// <summary>The OpenAPI document (<c>/openapi/v1.json</c>) with its bearer scheme, and a UI for it (<c>/scalar</c>).</summary>
internal static class ApiReference
{
    private const string SchemeName = "Bearer";

    public static IServiceCollection AddApiReference(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Canvas API";
            document.Info.Description = "Sessions, images and tasks of the image canvas. Every /api call needs a Supabase access token.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A Supabase access token (the user's id is its sub claim).",
            };
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAuthorizeData>().Any())
            {
                operation.Security ??= [];
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, context.Document)] = [] });
            }
            // The upload handler reads the body itself (to stream it), so its shape is described here.
            if (metadata.OfType<IEndpointNameMetadata>().Any(name => name.EndpointName == "UploadImage"))
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "PNG, JPEG, WebP or GIF bytes; the bytes decide the type, whatever Content-Type says.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/octet-stream"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    ["file"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" },
                                },
                            },
                        },
                    },
                };
            }
            return Task.CompletedTask;
        });
    });

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(options => options.WithTitle("Canvas API")).AllowAnonymous();
        return app;
    }
}
