using System.Text.Json;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// The errors the simulator answers with, shaped as the services send them. CloudWatch (query-compatible JSON 1.0)
/// errors carry the Query protocol's code in <c>x-amzn-query-error</c> and keep its HTTP status; CloudWatch Logs
/// (JSON 1.1) errors are 400 with a bare <c>__type</c>.
/// </summary>
internal static class Faults
{
    private const string Coral = "com.amazon.coral.service#";
    private const string CloudWatchNamespace = "com.amazonaws.cloudwatch#";

    /// <summary>
    /// No <c>Authorization</c> header and no presigned query. The Query protocol documents <c>MissingAuthenticationToken</c>
    /// as 403 (CloudWatch keeps Query statuses); Coral JSON services (DynamoDB, and so Logs) answer 400 with
    /// <c>com.amazon.coral.service#MissingAuthenticationTokenException</c>.
    /// </summary>
    public static AwsFault MissingAuthenticationToken(Service service) =>
        new(service == Service.Logs ? 400 : 403, Coral + "MissingAuthenticationTokenException", "MissingAuthenticationToken", "Request is missing Authentication Token");

    public static AwsFault IncompleteSignature(Service service, string message) =>
        new(service == Service.Logs ? 400 : 403, Coral + "IncompleteSignatureException", "IncompleteSignature", message);

    public static AwsFault InvalidSignature(Service service, string message) =>
        new(service == Service.Logs ? 400 : 403, Coral + "InvalidSignatureException", "SignatureDoesNotMatch", message);

    public static AwsFault UnknownOperation(string? target) =>
        new(400, Coral + "UnknownOperationException", "InvalidAction", target is null ? "The request has no X-Amz-Target header." : $"The operation {target} is not served by the simulator.");

    public static AwsFault Serialization(string message) =>
        new(400, Coral + "SerializationException", "SerializationException", message);

    // CloudWatch (monitoring).
    public static AwsFault Validation(string message) =>
        new(400, "com.amazon.coral.validate#ValidationException", "ValidationError", message);

    public static AwsFault InvalidParameterValue(string message) =>
        new(400, CloudWatchNamespace + "InvalidParameterValueException", "InvalidParameterValue", message);

    public static AwsFault InvalidParameterCombination(string message) =>
        new(400, CloudWatchNamespace + "InvalidParameterCombinationException", "InvalidParameterCombination", message);

    public static AwsFault InvalidNextToken() =>
        new(400, CloudWatchNamespace + "InvalidNextToken", "InvalidNextToken", "The service couldn't process the NextToken: it is not one this service returned for this request.");

    // CloudWatch Logs.
    public static AwsFault LogGroupNotFound() =>
        new(400, "ResourceNotFoundException", "ResourceNotFoundException", "The specified log group does not exist.");

    public static AwsFault ResourceNotFound(string message) =>
        new(400, "ResourceNotFoundException", "ResourceNotFoundException", message);

    public static AwsFault InvalidParameter(string message) =>
        new(400, "InvalidParameterException", "InvalidParameterException", message);

    public static AwsFault MalformedQuery(string message, int start, int end) =>
        new(400, "MalformedQueryException", "MalformedQueryException", message, writer =>
        {
            writer.WriteStartObject("queryCompileError");
            writer.WriteStartObject("location");
            writer.WriteNumber("startCharOffset", start);
            writer.WriteNumber("endCharOffset", end);
            writer.WriteEndObject();
            writer.WriteString("message", message);
            writer.WriteEndObject();
        });
}
