namespace EksOps.Simulation.CloudWatch;

/// <summary>A metric math value: a number, a time series, an array of time series, or a literal argument.</summary>
internal abstract record MathValue
{
    public sealed record Number(double Value) : MathValue;

    public sealed record Series(TimeSeries Value) : MathValue;

    public sealed record SeriesArray(IReadOnlyList<TimeSeries> Value) : MathValue;

    public sealed record Text(string Value) : MathValue;

    public sealed record Keyword(string Value) : MathValue;
}
