using Backend.Hosting.Testing;

// One PostgreSQL and one S3 emulator for the run; each test class takes its own database and bucket.
[assembly: AssemblyFixture(typeof(LocalDependenciesFixture))]
