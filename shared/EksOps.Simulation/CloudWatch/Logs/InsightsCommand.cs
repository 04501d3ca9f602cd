namespace EksOps.Simulation.CloudWatch;

/// <summary>One command of a Logs Insights query pipeline.</summary>
internal abstract record InsightsCommand
{
    /// <summary><c>fields a, b as c</c>: computes fields and makes them the ones shown.</summary>
    public sealed record Fields(IReadOnlyList<(InsightsExpression Expression, string Name)> Items) : InsightsCommand;

    /// <summary><c>display a, b</c>: the fields shown.</summary>
    public sealed record Display(IReadOnlyList<string> Names) : InsightsCommand;

    /// <summary><c>filter condition</c>.</summary>
    public sealed record Filter(InsightsExpression Condition) : InsightsCommand;

    /// <summary><c>sort a desc, b asc</c>.</summary>
    public sealed record Sort(IReadOnlyList<(InsightsExpression Key, bool Descending)> Keys) : InsightsCommand;

    /// <summary><c>limit n</c>.</summary>
    public sealed record Limit(int Count) : InsightsCommand;

    /// <summary><c>stats count(*) as n by bin(5m), level</c>.</summary>
    public sealed record Stats(
        IReadOnlyList<(InsightsExpression.Call Aggregate, string Name)> Aggregates,
        IReadOnlyList<(InsightsExpression Key, string Name)> GroupBy) : InsightsCommand;
}
