using System.Globalization;

namespace EksOps.IncidentFlow;

/// <summary>The flow's own settings (the tool policy, the cluster registry and the analyst have theirs).</summary>
/// <remarks>
/// <list type="table">
/// <listheader><term>Variable</term><description>Effect</description></listheader>
/// <item><term><c>EKSOPS_MIN_CONFIDENCE_TO_ACT</c></term><description>The analysis confidence (0–1) below which <c>plan</c> escalates instead of changing anything; default 0.6.</description></item>
/// </list>
/// </remarks>
public sealed record IncidentFlowOptions
{
    /// <summary>The variable that sets <see cref="MinConfidenceToAct"/>.</summary>
    public const string MinConfidenceToActVariable = "EKSOPS_MIN_CONFIDENCE_TO_ACT";

    /// <summary>
    /// The least analysis confidence at which the flow plans a change; below it <c>plan</c> escalates. Default 0.6:
    /// the deterministic analyst concludes from 0.5, and 0.6 is where the analyst itself stops asking the model
    /// (<c>EKSOPS_ANALYST_CONFIDENCE_THRESHOLD</c>), so a cause weak enough to want a second opinion is not acted on alone.
    /// </summary>
    public double MinConfidenceToAct { get; init; } = 0.6;

    /// <summary>The defaults, overridden by the variables that are set.</summary>
    /// <param name="getVariable">Reads a variable; the process environment by default.</param>
    /// <returns>The options.</returns>
    /// <exception cref="FormatException">A variable is set to something it cannot be; the message names it.</exception>
    public static IncidentFlowOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var options = new IncidentFlowOptions();
        if (getVariable(MinConfidenceToActVariable) is { } text && !string.IsNullOrWhiteSpace(text))
        {
            options = options with
            {
                MinConfidenceToAct = double.TryParse(text.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
                    ? value
                    : throw new FormatException($"{MinConfidenceToActVariable} must be a number from 0 to 1 but is \"{text}\""),
            };
        }

        return options;
    }
}
