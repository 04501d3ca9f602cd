using System.Globalization;
using System.Text.Json.Nodes;
using EksOps.Lambda;

namespace EksOps.IncidentFlow;

/// <summary>
/// The handler of one incident-flow function: reads <c>{"step": …}</c> and runs that step. A step the function does not
/// serve, or a malformed payload, fails the invocation with <see cref="InvalidStepRequestException"/>, which the state
/// machine catches and escalates.
/// </summary>
public sealed class StepRouter
{
    private readonly Dictionary<string, IIncidentStep> _steps;

    /// <summary>Creates the router.</summary>
    /// <param name="functionName">The function it is the handler of (for messages), for example <c>Investigate</c>.</param>
    /// <param name="steps">The steps it serves; names must be distinct.</param>
    /// <exception cref="ArgumentException">Two steps have the same name, or there are none.</exception>
    public StepRouter(string functionName, IEnumerable<IIncidentStep> steps)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(functionName);
        ArgumentNullException.ThrowIfNull(steps);
        FunctionName = functionName;
        _steps = new Dictionary<string, IIncidentStep>(StringComparer.Ordinal);
        foreach (var step in steps)
        {
            if (!_steps.TryAdd(step.Name, step))
            {
                throw new ArgumentException($"two steps are named {step.Name}", nameof(steps));
            }
        }

        if (_steps.Count == 0)
        {
            throw new ArgumentException("a router needs at least one step", nameof(steps));
        }

        Steps = [.. _steps.Keys.Order(StringComparer.Ordinal)];
    }

    /// <summary>The function this router is the handler of.</summary>
    public string FunctionName { get; }

    /// <summary>The steps served, in ordinal order.</summary>
    public IReadOnlyList<string> Steps { get; }

    /// <summary>Runs the step a payload names (the function's Lambda handler).</summary>
    /// <param name="payload">The task payload.</param>
    /// <param name="context">The invocation.</param>
    /// <returns>The step's result.</returns>
    /// <exception cref="InvalidStepRequestException">The payload is malformed or names a step this function does not serve.</exception>
    public async Task<JsonObject> HandleAsync(JsonObject payload, ILambdaContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = StepRequest.Parse(payload);
        if (!_steps.TryGetValue(request.Step, out var step))
        {
            throw new InvalidStepRequestException($"{FunctionName} does not serve the step \"{request.Step}\"; it serves {string.Join(", ", Steps)}");
        }

        long started = TimeProvider.System.GetTimestamp();
        context.Logger.LogInformation($"{request.Step} of incident {request.IncidentId}");
        var result = await step.RunAsync(request, context).ConfigureAwait(false);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        context.Logger.LogInformation(string.Create(CultureInfo.InvariantCulture, $"{request.Step} of incident {request.IncidentId} done in {elapsed.TotalMilliseconds:0} ms"));
        return result;
    }
}
