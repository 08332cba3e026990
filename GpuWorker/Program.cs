using Backend.GpuWorker;

var builder = Host.CreateApplicationBuilder(args);

builder.AddServiceDefaults();
builder.AddGpuWorker();

builder.Build().Run();
