using System.Runtime.Versioning;
using Backend.Hosting.Testing;

// One PostgreSQL + fauxqs + dynalite for the whole test run; each test takes its own resources.
[assembly: AssemblyFixture(typeof(LocalDependenciesFixture))]

// The local dependencies are Linux child processes (setpriv, /proc, Debian's PostgreSQL layout).
[assembly: SupportedOSPlatform("linux")]
