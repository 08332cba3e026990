using Backend.Orchestrator.Extensions;
using Backend.Orchestrator.Tasks;

var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddGpuController();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapTasksApi();
app.MapGpuApi();
app.MapDefaultEndpoints();

app.Run();

public partial class Program;
