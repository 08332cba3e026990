using Canvas.Api;
using Canvas.Api.Infrastructure;
using Canvas.Api.Images;
using Canvas.Api.Sessions;
using Canvas.Api.Tasks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.Services.AddProblemDetails();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapApiReference();

var api = app.MapGroup("/api").RequireAuthorization();
api.MapSessionsApi();
api.MapImagesApi();
api.MapTasksApi();

app.MapDefaultEndpoints();

app.Run();

public partial class Program;
