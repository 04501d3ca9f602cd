using System.Globalization;
using System.Text.RegularExpressions;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// A CloudWatch statistic and how to compute it over the samples of one period. Percentiles use the nearest-rank
/// method over the samples (each datapoint of a series is one sample): the value at rank ⌈p/100 × n⌉ of the sorted
/// samples. The percentile-based statistics follow from it: <c>tmN</c> is the mean of the samples at or below
/// <c>pN</c>, <c>tcN</c> their count, <c>tsN</c> their sum, <c>wmN</c> the mean with samples above <c>pN</c> set to
/// <c>pN</c>, and <c>IQM</c> the mean of the samples from <c>p25</c> to <c>p75</c>. The range forms
/// (<c>TM(10%:90%)</c>, <c>PR(…)</c>, …) are valid in CloudWatch but not computed here.
/// </summary>
internal sealed partial class Statistic
{
    private static readonly string[] Standard = ["SampleCount", "Average", "Sum", "Minimum", "Maximum"];

    private Statistic(string name, string kind, double parameter, bool supported)
    {
        Name = name;
        Kind = kind;
        Parameter = parameter;
        Supported = supported;
    }

    public string Name { get; }

    /// <summary><c>SampleCount</c>, <c>Average</c>, <c>Sum</c>, <c>Minimum</c>, <c>Maximum</c>, <c>p</c>, <c>tm</c>, <c>tc</c>, <c>ts</c>, <c>wm</c>, <c>IQM</c> or <c>range</c>.</summary>
    public string Kind { get; }

    public double Parameter { get; }

    /// <summary>Whether the simulator computes it (every valid statistic parses; the range forms are not computed).</summary>
    public bool Supported { get; }

    public bool IsStandard => Standard.Contains(Kind);

    /// <summary>Parses a statistic as CloudWatch accepts it; null when CloudWatch would reject it.</summary>
    public static Statistic? Parse(string text)
    {
        if (Standard.Contains(text))
        {
            return new Statistic(text, text, 0, true);
        }

        if (text == "IQM")
        {
            return new Statistic(text, "IQM", 0, true);
        }

        var shorthand = Shorthand().Match(text);
        if (shorthand.Success)
        {
            var value = double.Parse(shorthand.Groups[2].Value, CultureInfo.InvariantCulture);
            return value is < 0 or > 100 ? null : new Statistic(text, shorthand.Groups[1].Value, value, true);
        }

        return RangeForm().IsMatch(text) ? new Statistic(text, "range", 0, false) : null;
    }

    /// <summary>The statistic of the samples (at least one), or null when it has no value (for example <c>tm10</c> of nothing below <c>p10</c>).</summary>
    public double? Compute(List<double> samples)
    {
        switch (Kind)
        {
            case "SampleCount":
                return samples.Count;
            case "Sum":
                return samples.Sum();
            case "Average":
                return samples.Average();
            case "Minimum":
                return samples.Min();
            case "Maximum":
                return samples.Max();
            case "range":
                return null;
            default:
                break;
        }

        var sorted = samples.Order().ToArray();
        if (Kind == "IQM")
        {
            var low = Percentile(sorted, 25);
            var high = Percentile(sorted, 75);
            var middle = sorted.Where(v => v >= low && v <= high).ToArray();
            return middle.Length == 0 ? null : middle.Average();
        }

        var threshold = Percentile(sorted, Parameter);
        var below = sorted.Where(v => v <= threshold).ToArray();
        return Kind switch
        {
            "p" => threshold,
            "tm" => below.Length == 0 ? null : below.Average(),
            "tc" => below.Length,
            "ts" => below.Sum(),
            "wm" => sorted.Select(v => Math.Min(v, threshold)).Average(),
            _ => null,
        };
    }

    private static double Percentile(double[] sorted, double percentile)
    {
        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank, 1, sorted.Length) - 1];
    }

    [GeneratedRegex(@"^(p|tm|tc|ts|wm)(\d{1,3}(?:\.\d{1,10})?)$")]
    private static partial Regex Shorthand();

    [GeneratedRegex(@"^(TM|WM|TC|TS|PR)\(\s*[0-9.]*%?\s*:\s*[0-9.]*%?\s*\)$")]
    private static partial Regex RangeForm();
}
