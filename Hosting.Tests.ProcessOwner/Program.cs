using Backend.Hosting.Processes;

// Starts a sleeping child through ChildProcess (as the user in args[0], if any, when root),
// prints the child's pid once it runs under its death signal, then waits to be killed.
// Started from a thread-pool thread on purpose: the child must not depend on which thread asked.
var child = await Task.Run(() => ChildProcess.StartAsync(new ChildProcessStartInfo("bash")
{
    // bash runs only after setpriv has set the death signal, so "ready" means it is armed.
    Arguments = ["-c", "echo ready; exec sleep 1000"],
    RunAsUser = args.FirstOrDefault(),
    WorkingDirectory = "/",
}));
await child.WaitForOutputAsync(line => line == "ready", TimeSpan.FromSeconds(10));
Console.WriteLine($"child {child.Id}");
await child.Exited;
