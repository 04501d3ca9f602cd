using System.Text.Json.Nodes;
using EksOps.StateMachine.Lambda;

namespace EksOps.Benchmarks.Sizing;

/// <summary>
/// Sends the local state machine's Lambda tasks to the function processes, as the Lambda service would: by ARN or
/// name; a function error comes back as Lambda's error document, an unknown function as
/// <c>Lambda.ResourceNotFoundException</c>. Each invocation is labelled with the payload's <c>step</c>.
/// </summary>
/// <param name="functions">The flow's function processes.</param>
/// <param name="scenario">The scenario being run, for the samples.</param>
internal sealed class ProcessTaskInvoker(IReadOnlyCollection<FunctionProcess> functions, Func<string> scenario) : ILambdaTaskInvoker
{
    public async Task<LambdaInvocationResult> InvokeAsync(LambdaInvocationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var function = functions.FirstOrDefault(f => f.Arn == request.FunctionName || f.Spec.FunctionName == request.FunctionName)
            ?? throw new LambdaServiceException("ResourceNotFoundException", $"Function not found: {request.FunctionName}");
        var result = await function.InvokeAsync(request.Payload, StepOf(request), scenario(), cancellationToken: cancellationToken);
        return result.IsError
            ? LambdaInvocationResult.FunctionError(result.PayloadText, result.ErrorType)
            : LambdaInvocationResult.Success(result.PayloadText);
    }

    private static string StepOf(LambdaInvocationRequest request)
    {
        try
        {
            return (string?)JsonNode.Parse(request.Payload)?["step"] ?? request.StateName;
        }
        catch (System.Text.Json.JsonException)
        {
            return request.StateName;
        }
    }
}
