using Backend.Hosting.Testing;

// One PostgreSQL + fauxqs + dynalite for the whole test run; each test takes its own resources.
[assembly: AssemblyFixture(typeof(LocalDependenciesFixture))]
