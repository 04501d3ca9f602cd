using System.Text.Json.Nodes;
using EksOps.Lambda;

namespace EksOps.IncidentFlow;

/// <summary>One step of the incident flow: reads what earlier steps decided from the incident store, does its work, writes its timeline entries (once, by key) and returns the small result the state machine keeps.</summary>
public interface IIncidentStep
{
    /// <summary>The <c>step</c> value it serves (<see cref="StepNames"/>).</summary>
    string Name { get; }

    /// <summary>Runs the step. Safe to run again with the same request: a retry returns the stored result or finishes what a failed attempt left.</summary>
    /// <param name="request">The payload.</param>
    /// <param name="context">The invocation: logger, metrics, deadline.</param>
    /// <returns>The step's result (the fields <c>statemachine/README.md</c> lists for it).</returns>
    Task<JsonObject> RunAsync(StepRequest request, ILambdaContext context);
}
