using Backend.Hosting.Testing;

// One PostgreSQL + fauxqs + dynalite for the whole test run; each test takes its own resources.
[assembly: AssemblyFixture(typeof(LocalDependenciesFixture))]

// Every test host's TracerProvider listens to the same activity sources process-wide (ASP.NET Core, HttpClient, the AWS
// SDK's), so hosts of tests running at once record each other's spans and filter each other's activities: the trace
// tests then miss spans. The few tests here run one at a time instead.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
