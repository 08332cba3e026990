// A bare Aspire AppHost: DCP, the dashboard and one executable that does nothing. What any AppHost costs.
var builder = DistributedApplication.CreateBuilder(args);
builder.AddExecutable("sleeper", "sleep", ".", "infinity");
builder.Build().Run();
