namespace EksOps.Simulation.CloudWatch;

/// <summary>A parsed metric math expression.</summary>
internal abstract record MathNode
{
    public sealed record Number(double Value) : MathNode;

    /// <summary>A reference to another query by id.</summary>
    public sealed record Reference(string Id) : MathNode;

    public sealed record Text(string Value) : MathNode;

    /// <summary>An upper-case word that is not a call, such as <c>REPEAT</c> in <c>FILL(m1, REPEAT)</c>.</summary>
    public sealed record Keyword(string Name) : MathNode;

    public sealed record Negate(MathNode Operand) : MathNode;

    public sealed record Binary(char Operator, MathNode Left, MathNode Right) : MathNode;

    public sealed record Call(string Function, IReadOnlyList<MathNode> Arguments) : MathNode;

    /// <summary>The ids this node refers to.</summary>
    public IEnumerable<string> References() => this switch
    {
        Reference r => [r.Id],
        Negate n => n.Operand.References(),
        Binary b => b.Left.References().Concat(b.Right.References()),
        Call c => c.Arguments.SelectMany(a => a.References()),
        _ => [],
    };

    /// <summary>Whether the node calls <c>METRICS()</c>, which refers to every metric of the request.</summary>
    public bool UsesMetrics() => this switch
    {
        Negate n => n.Operand.UsesMetrics(),
        Binary b => b.Left.UsesMetrics() || b.Right.UsesMetrics(),
        Call c => c.Function == "METRICS" || c.Arguments.Any(a => a.UsesMetrics()),
        _ => false,
    };
}
