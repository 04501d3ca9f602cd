namespace EksOps.Simulation.CloudWatch;

/// <summary>A labelled time series: values by timestamp (epoch milliseconds, ascending) and the period they were aggregated at.</summary>
internal sealed class TimeSeries(string label, int period, SortedDictionary<long, double> points)
{
    public string Label { get; } = label;

    public int Period { get; } = period;

    public SortedDictionary<long, double> Points { get; } = points;

    public TimeSeries With(SortedDictionary<long, double> points, string? label = null) => new(label ?? Label, Period, points);
}
