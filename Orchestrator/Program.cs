using Backend.Orchestrator.Extensions;
using Backend.Orchestrator.Tasks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
// The GPU instance controller (Orchestrator/Gpu/) plugs in here: builder.AddGpuController();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapTasksApi();
// ... and its operator endpoints here: app.MapGpuApi();
app.MapDefaultEndpoints();

app.Run();

public partial class Program;
