namespace Publishing.Tests;

/// <summary>The published template is valid against the CloudFormation resource specification.</summary>
public sealed class SpecTests(PublishedApplication stack)
{
    [Fact]
    public async Task EveryResourceTypePropertyAndAttributeIsInTheCloudFormationSpecification()
    {
        var spec = await CloudFormationSpec.LoadAsync(TestContext.Current.CancellationToken);
        var errors = SpecValidator.Validate(spec, stack.Template);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task TheValidatorRejectsWhatTheSpecificationDoesNotHave()
    {
        var spec = await CloudFormationSpec.LoadAsync(TestContext.Current.CancellationToken);
        var template = System.Text.Json.Nodes.JsonNode.Parse("""
            {"Resources": {
              "A": {"Type": "AWS::SQS::Queue", "Properties": {"VisibilityTimeoutSeconds": 30, "DelaySeconds": "soon"}},
              "B": {"Type": "AWS::SQS::Kueue"},
              "C": {"Type": "AWS::SNS::Subscription", "Properties": {"Protocol": "sqs", "TopicArn": {"Fn::GetAtt": ["A", "Url"]}}}}}
            """)!.AsObject();
        var errors = SpecValidator.Validate(spec, template);
        Assert.Contains(errors, e => e.Contains("unknown property VisibilityTimeoutSeconds", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("\"soon\" is not a integer", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("unknown resource type AWS::SQS::Kueue", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("Fn::GetAtt A.Url", StringComparison.Ordinal));
    }
}
