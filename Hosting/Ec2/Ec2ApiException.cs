using System.Net;

namespace Backend.Hosting.Ec2;

/// <summary>
/// An error answered in EC2's error document. The codes and messages follow what EC2 itself
/// answers, because callers (the orchestrator) branch on the code, e.g. <c>IncorrectInstanceState</c>.
/// </summary>
internal sealed class Ec2ApiException(string code, string message, HttpStatusCode status = HttpStatusCode.BadRequest)
    : Exception(message)
{
    public string Code { get; } = code;

    public HttpStatusCode Status { get; } = status;

    public static Ec2ApiException NotFound(IReadOnlyList<string> instanceIds) => instanceIds.Count == 1
        ? new("InvalidInstanceID.NotFound", $"The instance ID '{instanceIds[0]}' does not exist")
        : new("InvalidInstanceID.NotFound", $"The instance IDs '{string.Join(", ", instanceIds)}' do not exist");

    public static Ec2ApiException Malformed(string instanceId) =>
        new("InvalidInstanceID.Malformed", $"Invalid id: \"{instanceId}\"");

    public static Ec2ApiException CannotStart(string instanceId) =>
        new("IncorrectInstanceState", $"The instance '{instanceId}' is not in a state from which it can be started.");

    public static Ec2ApiException CannotStop(string instanceId) =>
        new("IncorrectInstanceState", $"The instance '{instanceId}' is not in a state from which it can be stopped.");

    public static Ec2ApiException MissingParameter(string name) =>
        new("MissingParameter", $"The request must contain the parameter {name}");

    public static Ec2ApiException InvalidParameterValue(string message) => new("InvalidParameterValue", message);

    /// <summary>EC2 answers a successful dry run with this error (HTTP 412), not with a result.</summary>
    public static Ec2ApiException DryRun() =>
        new("DryRunOperation", "Request would have succeeded, but DryRun flag is set.", HttpStatusCode.PreconditionFailed);

    public static Ec2ApiException AuthFailure() =>
        new("AuthFailure", "AWS was not able to validate the provided access credentials", HttpStatusCode.Unauthorized);

    public static Ec2ApiException InvalidAction(string action) =>
        new("InvalidAction", $"The action {action} is not valid for this web service.");
}
