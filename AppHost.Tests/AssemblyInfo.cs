using System.Runtime.Versioning;

// Each test class runs the whole application: one at a time keeps a 2-core machine responsive.
[assembly: CollectionBehavior(DisableTestParallelization = true)]

// The local run starts Linux processes (setpriv, PostgreSQL's Debian layout).
[assembly: SupportedOSPlatform("linux")]
