namespace EksOps.Simulation.CloudWatch;

/// <summary>The kinds of Logs Insights query tokens.</summary>
internal enum InsightsTokenKind
{
    Word,
    Field,
    String,
    Regex,
    Number,
    Duration,
    Symbol,
    End,
}

/// <summary>One token of a Logs Insights query, with its character range for <c>queryCompileError.location</c>.</summary>
internal sealed record InsightsToken(InsightsTokenKind Kind, string Text, int Start, int End)
{
    public bool Is(string symbolOrWord) =>
        Kind is InsightsTokenKind.Symbol or InsightsTokenKind.Word && string.Equals(Text, symbolOrWord, StringComparison.OrdinalIgnoreCase);
}
