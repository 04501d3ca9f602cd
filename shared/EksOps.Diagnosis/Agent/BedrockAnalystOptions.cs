using System.Globalization;

namespace EksOps.Diagnosis.Agent;

/// <summary>
/// Which Bedrock agent decides, when, and within which bounds: the agent and alias, the routing mode and confidence
/// threshold, the size cap of the input sent to the model, and the bounds of the RETURN_CONTROL loop.
/// </summary>
public sealed record BedrockAnalystOptions
{
    /// <summary>The variable that sets <see cref="AgentId"/>.</summary>
    public const string AgentIdVariable = "EKSOPS_AGENT_ID";

    /// <summary>The variable that sets <see cref="AgentAliasId"/>.</summary>
    public const string AgentAliasIdVariable = "EKSOPS_AGENT_ALIAS_ID";

    /// <summary>The variable that sets <see cref="Mode"/>: <c>deterministic</c>, <c>auto</c> or <c>always</c>.</summary>
    public const string ModeVariable = "EKSOPS_ANALYST_MODE";

    /// <summary>The variable that sets <see cref="ConfidenceThreshold"/>, a number from 0 to 1.</summary>
    public const string ConfidenceThresholdVariable = "EKSOPS_ANALYST_CONFIDENCE_THRESHOLD";

    /// <summary>The variable that sets <see cref="MaxInputBytes"/>.</summary>
    public const string MaxInputBytesVariable = "EKSOPS_ANALYST_MAX_INPUT_BYTES";

    /// <summary>The variable that sets <see cref="MaxRounds"/>.</summary>
    public const string MaxRoundsVariable = "EKSOPS_ANALYST_MAX_ROUNDS";

    /// <summary>The variable that sets <see cref="Timeout"/>, in seconds.</summary>
    public const string TimeoutSecondsVariable = "EKSOPS_ANALYST_TIMEOUT_SECONDS";

    /// <summary>The smallest input cap: room for the instructions and a digest that still names the alarm and subject.</summary>
    public const int MinInputBytes = 4096;

    // Bedrock's InvokeAgent takes at most 25,000 characters of inputText; UTF-8 bytes never undercount characters.
    private const int MaxInputBytesLimit = 25_000;

    /// <summary>The agent to invoke; <see langword="null"/> when no agent is configured (the model is never called).</summary>
    public string? AgentId { get; init; }

    /// <summary>The alias to invoke; <see langword="null"/> when no agent is configured.</summary>
    public string? AgentAliasId { get; init; }

    /// <summary>When the model is asked (default <see cref="AnalystMode.Auto"/>).</summary>
    public AnalystMode Mode { get; init; } = AnalystMode.Auto;

    /// <summary>In <see cref="AnalystMode.Auto"/>, the model is asked when the deterministic confidence is below this (default 0.6).</summary>
    public double ConfidenceThreshold { get; init; } = 0.6;

    /// <summary>The hard cap on the input text sent to the model, in UTF-8 bytes (default 20,000; at most 25,000).</summary>
    public int MaxInputBytes { get; init; } = 20_000;

    /// <summary>How many RETURN_CONTROL rounds the agent may ask for (default 8).</summary>
    public int MaxRounds { get; init; } = 8;

    /// <summary>The deadline for the whole agent run, tool calls included (default 120 s).</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Whether an agent and alias are set.</summary>
    public bool AgentConfigured => !string.IsNullOrWhiteSpace(AgentId) && !string.IsNullOrWhiteSpace(AgentAliasId);

    /// <summary>The defaults, overridden by the variables that are set.</summary>
    /// <param name="getVariable">Reads a variable; the process environment by default.</param>
    /// <returns>The options.</returns>
    /// <exception cref="FormatException">A variable is set to something it cannot be, or the mode is <c>always</c> without an agent.</exception>
    public static BedrockAnalystOptions FromEnvironment(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var options = new BedrockAnalystOptions
        {
            AgentId = Text(getVariable, AgentIdVariable),
            AgentAliasId = Text(getVariable, AgentAliasIdVariable),
        };
        if (Text(getVariable, ModeVariable) is { } mode)
        {
            options = options with { Mode = ParseMode(mode) };
        }

        if (Text(getVariable, ConfidenceThresholdVariable) is { } threshold)
        {
            options = options with
            {
                ConfidenceThreshold = double.TryParse(threshold, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
                    ? value
                    : throw new FormatException($"{ConfidenceThresholdVariable} must be a number from 0 to 1 but is \"{threshold}\""),
            };
        }

        if (Integer(getVariable, MaxInputBytesVariable, MinInputBytes, MaxInputBytesLimit) is { } bytes)
        {
            options = options with { MaxInputBytes = bytes };
        }

        if (Integer(getVariable, MaxRoundsVariable, 0, 50) is { } rounds)
        {
            options = options with { MaxRounds = rounds };
        }

        if (Integer(getVariable, TimeoutSecondsVariable, 1, 900) is { } seconds)
        {
            options = options with { Timeout = TimeSpan.FromSeconds(seconds) };
        }

        // A deployment that asks for the model on every alarm but names no agent is misconfigured: fail at start-up.
        return options.Mode == AnalystMode.Always && !options.AgentConfigured
            ? throw new FormatException($"{ModeVariable}=always needs {AgentIdVariable} and {AgentAliasIdVariable}")
            : options;
    }

    private static AnalystMode ParseMode(string text) => text.ToUpperInvariant() switch
    {
        "DETERMINISTIC" => AnalystMode.Deterministic,
        "AUTO" => AnalystMode.Auto,
        "ALWAYS" => AnalystMode.Always,
        _ => throw new FormatException($"{ModeVariable} must be deterministic, auto or always but is \"{text}\""),
    };

    private static string? Text(Func<string, string?> getVariable, string name) => getVariable(name) is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static int? Integer(Func<string, string?> getVariable, string name, int min, int max)
    {
        if (Text(getVariable, name) is not { } text)
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"{name} must be an integer from {min} to {max} but is \"{text}\"");
    }
}
