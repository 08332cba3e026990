using System.Globalization;
using System.Xml.Linq;

namespace Backend.Hosting.Ec2;

/// <summary>
/// EC2's response documents, shaped the way AWSSDK.EC2's unmarshallers read them: a root
/// <c>{Action}Response</c> in the 2016-11-15 namespace, lists as <c>…Set/item</c>, camelCase names.
/// </summary>
internal static class Ec2Xml
{
    public static readonly XNamespace Ns = "http://ec2.amazonaws.com/doc/2016-11-15/";

    public static XElement Response(string action, string requestId, params object[] content) =>
        new(Ns + (action + "Response"), new XElement(Ns + "requestId", requestId), content);

    public static XElement Set(string name, IEnumerable<XElement> items) => new(Ns + name, items);

    /// <summary>EC2's error document; the SDK reads <c>Error/Code</c>, <c>Error/Message</c> and <c>RequestID</c>.</summary>
    public static XElement Error(string code, string message, string requestId) =>
        new("Response",
            new XElement("Errors", new XElement("Error", new XElement("Code", code), new XElement("Message", message))),
            new XElement("RequestID", requestId));

    public static XElement State(string name, Ec2InstanceStateName state) =>
        new(Ns + name, E("code", (int)state), E("name", state.ToWireName()));

    public static XElement StateChange(Ec2InstanceStateChange change) =>
        Item(
            E("instanceId", change.Current.InstanceId),
            State("currentState", change.Current.State),
            State("previousState", change.Previous.State));

    public static XElement Item(params object?[] content) => new(Ns + "item", content);

    public static XElement E(string name, object? content) => new(Ns + name, content switch
    {
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        bool flag => flag ? "true" : "false",
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => content,
    });
}
