using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Backend.Dashboard.Server;

/// <summary>
/// The browser UI (HTML, CSS, JavaScript from <c>wwwroot/</c>) embedded in this assembly, so the dashboard
/// works from whichever executable references it, with no files next to it and no build step.
/// </summary>
internal sealed class EmbeddedAssets
{
    // The LogicalName the project file gives every file under wwwroot/.
    private const string ResourcePrefix = "dashboard/";

    private readonly Dictionary<string, Asset> _assets;

    private EmbeddedAssets(Dictionary<string, Asset> assets) => _assets = assets;

    public IEnumerable<string> Paths => _assets.Keys;

    public static EmbeddedAssets Load(Assembly assembly)
    {
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..16]}\"";
            // RecursiveDir in the LogicalName has the build machine's separator.
            assets[name[ResourcePrefix.Length..].Replace('\\', '/')] = new Asset(content, ContentType(name), etag);
        }
        return new EmbeddedAssets(assets);
    }

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", context => Serve(context, "index.html")).ExcludeFromDescription();
        endpoints.MapGet("/ui/{**path}", (HttpContext context, string path) => Serve(context, path)).ExcludeFromDescription();
    }

    private Task Serve(HttpContext context, string path)
    {
        var response = context.Response;
        if (!_assets.TryGetValue(path, out var asset))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }
        // Revalidated on every load (cheap on loopback), so a rebuilt AppHost never shows a stale UI.
        response.Headers.CacheControl = "no-cache";
        response.Headers.ETag = asset.ETag;
        if (context.Request.Headers.IfNoneMatch == asset.ETag)
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        return response.Body.WriteAsync(asset.Content).AsTask();
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".svg" => "image/svg+xml",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Content, string ContentType, string ETag);
}
