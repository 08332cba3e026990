using Canvas.Api.Auth;
using Canvas.Api.Data;
using Canvas.Api.Images;
using Canvas.Api.Infrastructure;
using Canvas.Api.Sessions;
using Canvas.Api.Tasks;

namespace Canvas.Api;

internal static class ApplicationServices
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddCanvasAuthentication();
        builder.AddCanvasDatabase();
        builder.AddImages();
        builder.AddTasks();
        builder.AddRateLimits();

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<SessionStore>();
        builder.Services.AddExceptionHandler<DependencyFailureHandler>();
        builder.Services.AddApiReference();
        return builder;
    }
}
