var builder = WebApplication.CreateBuilder(args);

builder.AddServiceDefaults();
builder.AddGpuController();

var app = builder.Build();

app.MapDefaultEndpoints();
app.MapGpuApi();

app.Run();

public partial class Program;
