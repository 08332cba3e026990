using Backend.Hosting.Testing;

[assembly: AssemblyFixture(typeof(LocalDependenciesFixture))]
