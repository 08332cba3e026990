using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace Backend.Hosting.Ecs.Deploy;

/// <summary>Runs a plan, or (dry run) prints it as a shell script without running anything.</summary>
internal sealed partial class EcsCommandRunner(ILogger logger, bool dryRun, TextWriter output)
{
    private readonly Dictionary<string, string> _variables = [];

    public bool DryRun { get; } = dryRun;

    public async Task RunAsync(IEnumerable<EcsCommand> plan, CancellationToken cancellationToken)
    {
        foreach (var command in plan)
        {
            if (DryRun)
            {
                await output.WriteLineAsync(command.ToShell()).ConfigureAwait(false);
                continue;
            }

            var result = await TryRunAsync(command, cancellationToken).ConfigureAwait(false);
            if (result is { ExitCode: not 0 } && command.OnFailure is { } fallback)
            {
                result = await TryRunAsync(fallback with { Capture = fallback.Capture ?? command.Capture }, cancellationToken).ConfigureAwait(false);
            }

            if (result is { ExitCode: not 0 } failed)
            {
                throw new InvalidOperationException($"`{command.ToShell()}` failed ({failed.ExitCode}): {failed.Errors}");
            }

            if (command.Capture is { } variable && result is not null)
            {
                _variables[variable] = result.Output.Trim();
            }
        }
    }

    public string Variable(string name) => _variables.TryGetValue(name, out var value) ? value : $"${name}";

    private async Task<Result?> TryRunAsync(EcsCommand command, CancellationToken cancellationToken)
    {
        var input = command.Input is null ? null : await command.Input(cancellationToken).ConfigureAwait(false);
        if (command.Input is not null && input is null)
        {
            Log.Skipped(logger, command.ToShell());
            return null;
        }

        Log.Running(logger, command.ToShell());
        var start = new ProcessStartInfo(command.Program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = input is not null,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(Substitute(argument));
        }

        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = Substitute(value);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{command.Program} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        if (input is not null)
        {
            await process.StandardInput.WriteAsync(input).ConfigureAwait(false);
            process.StandardInput.Close();
        }

        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        return new Result(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
    }

    private string Substitute(string value) => VariableReference().Replace(value, m => _variables.TryGetValue(m.Groups[1].Value, out var v) ? v : m.Value);

    [GeneratedRegex(@"\$\{?([A-Z][A-Z0-9_]*)\}?")]
    private static partial Regex VariableReference();

    private sealed record Result(int ExitCode, string Output, string Errors);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "$ {Command}")]
        public static partial void Running(ILogger logger, string command);

        [LoggerMessage(2, LogLevel.Information, "skipped (no value configured): {Command}")]
        public static partial void Skipped(ILogger logger, string command);
    }
}
