using System.Globalization;

namespace EksOps.Diagnosis;

/// <summary>
/// The most evidence one diagnosis may collect: tool calls, result bytes and wall time. Collection stops at the first
/// limit reached and the analysis runs on what was read; <see cref="BudgetUsage"/> records what was used.
/// </summary>
public sealed record DiagnosisBudget
{
    /// <summary>The variable that overrides <see cref="MaxCalls"/>.</summary>
    public const string MaxCallsVariable = "EKSOPS_DIAGNOSIS_MAX_CALLS";

    /// <summary>The variable that overrides <see cref="MaxBytes"/>.</summary>
    public const string MaxBytesVariable = "EKSOPS_DIAGNOSIS_MAX_BYTES";

    /// <summary>The variable that overrides <see cref="MaxDuration"/>, in seconds.</summary>
    public const string MaxSecondsVariable = "EKSOPS_DIAGNOSIS_MAX_SECONDS";

    /// <summary>Most tool calls (default 80).</summary>
    public int MaxCalls { get; init; } = 80;

    /// <summary>Most bytes of tool results, summed (default 3 MB).</summary>
    public long MaxBytes { get; init; } = 3_000_000;

    /// <summary>Most wall time for evidence collection (default 45 s, inside a Lambda's own deadline).</summary>
    public TimeSpan MaxDuration { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>The defaults, overridden by the <c>EKSOPS_DIAGNOSIS_*</c> variables that are set.</summary>
    /// <returns>The budget.</returns>
    /// <exception cref="FormatException">A variable is set but is not a positive integer.</exception>
    public static DiagnosisBudget FromEnvironment()
    {
        var budget = new DiagnosisBudget();
        if (Read(MaxCallsVariable) is { } calls)
        {
            budget = budget with { MaxCalls = (int)Math.Min(calls, int.MaxValue) };
        }

        if (Read(MaxBytesVariable) is { } bytes)
        {
            budget = budget with { MaxBytes = bytes };
        }

        if (Read(MaxSecondsVariable) is { } seconds)
        {
            budget = budget with { MaxDuration = TimeSpan.FromSeconds(seconds) };
        }

        return budget;
    }

    private static long? Read(string name)
    {
        var text = Environment.GetEnvironmentVariable(name);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : throw new FormatException($"{name} must be a positive integer but is \"{text}\"");
    }
}
