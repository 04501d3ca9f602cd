namespace EksOps.Scenarios.Internal;

/// <summary>Collects every problem found in one scenario, in the order they are found.</summary>
internal sealed class ErrorList
{
    private readonly List<ScenarioError> errors = [];

    public int Count => errors.Count;

    public IReadOnlyList<ScenarioError> Items => errors;

    public void Add(string file, string path, Position? position, string problem) =>
        errors.Add(new ScenarioError(file, path, position?.Line, position?.Column, problem));
}
