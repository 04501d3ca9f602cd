using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.Tools;

/// <summary>
/// A call's arguments after validation, with defaults filled in: what a tool body reads. Every accessor checks that
/// the name is a declared parameter (a typo fails loudly in the first test, not silently in production).
/// </summary>
public sealed class ToolArguments
{
    private readonly JsonObject _values;

    private ToolArguments(ToolDefinition definition, JsonObject values)
    {
        Definition = definition;
        _values = values;
    }

    /// <summary>The tool these arguments are for.</summary>
    public ToolDefinition Definition { get; }

    /// <summary>
    /// Validates <paramref name="arguments"/> against the definition's input schema and fills in defaults — what the
    /// registry does before a body runs; tool authors use it to call a body directly in tests.
    /// </summary>
    /// <param name="definition">The tool.</param>
    /// <param name="arguments">The raw arguments; <see langword="null"/> means none.</param>
    /// <returns>The bound arguments.</returns>
    /// <exception cref="ToolArgumentException">The arguments are invalid; every violation is listed.</exception>
    public static ToolArguments Bind(ToolDefinition definition, JsonObject? arguments)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var errors = ToolArgumentValidator.Validate(definition, arguments);
        if (errors.Count > 0)
        {
            throw new ToolArgumentException(definition.Name, errors);
        }

        return FromValidated(definition, arguments);
    }

    /// <summary>Whether the parameter was given (or has a default).</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns><see langword="true"/> when a value is present.</returns>
    public bool Has(string name) => Value(name) is not null;

    /// <summary>A required string parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value.</returns>
    public string GetString(string name) => GetOptionalString(name) ?? throw Missing(name);

    /// <summary>An optional string parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public string? GetOptionalString(string name) => Value(name)?.GetValue<string>();

    /// <summary>A required (or defaulted) integer parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value.</returns>
    public long GetInteger(string name) => GetOptionalInteger(name) ?? throw Missing(name);

    /// <summary>An optional integer parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public long? GetOptionalInteger(string name)
    {
        var node = Value(name);
        if (node is null)
        {
            return null;
        }

        var value = node.AsValue();
        return value.TryGetValue(out long integer) ? integer : (long)value.GetValue<double>();
    }

    /// <summary>A required (or defaulted) integer parameter that fits an <see cref="int"/> (its bounds say so).</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value.</returns>
    public int GetInt32(string name) => checked((int)GetInteger(name));

    /// <summary>A required (or defaulted) number parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value.</returns>
    public double GetNumber(string name) => GetOptionalNumber(name) ?? throw Missing(name);

    /// <summary>An optional number parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public double? GetOptionalNumber(string name) => Value(name)?.GetValue<double>();

    /// <summary>A boolean parameter; <see langword="false"/> when absent without a default.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value.</returns>
    public bool GetBoolean(string name) => GetOptionalBoolean(name) ?? false;

    /// <summary>An optional boolean parameter.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The value, or <see langword="null"/> when absent.</returns>
    public bool? GetOptionalBoolean(string name) => Value(name)?.GetValue<bool>();

    /// <summary>A string-array parameter; empty when absent.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The items.</returns>
    public IReadOnlyList<string> GetStringArray(string name) =>
        Value(name) is JsonArray array ? [.. array.Select(item => item!.GetValue<string>())] : [];

    /// <summary>An optional RFC 3339 date-time string parameter, parsed.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The instant, or <see langword="null"/> when absent.</returns>
    public DateTimeOffset? GetOptionalDateTime(string name) =>
        GetOptionalString(name) is string text
            ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;

    /// <summary>An object parameter, as a copy the caller may change.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The object, or <see langword="null"/> when absent.</returns>
    public JsonObject? GetObject(string name) => Value(name) is JsonObject value ? (JsonObject)value.DeepClone() : null;

    /// <summary>A map-like object parameter whose values are strings (CloudWatch dimensions); empty when absent.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The entries, in the order given.</returns>
    public IReadOnlyDictionary<string, string> GetStringMap(string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (Value(name) is JsonObject value)
        {
            foreach (var (key, item) in value)
            {
                map[key] = item is JsonValue scalar && scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : item?.ToJsonString() ?? string.Empty;
            }
        }

        return map;
    }

    /// <summary>A copy of every argument as JSON (defaults included).</summary>
    /// <returns>The arguments.</returns>
    public JsonObject ToJsonObject() => (JsonObject)_values.DeepClone();

    internal static ToolArguments FromValidated(ToolDefinition definition, JsonObject? arguments)
    {
        var values = arguments is null ? new JsonObject() : (JsonObject)arguments.DeepClone();
        foreach (var parameter in definition.Parameters)
        {
            if (parameter.Default is not null && values[parameter.Name] is null)
            {
                values[parameter.Name] = parameter.Default.DeepClone();
            }
        }

        // One representation for every value (parsed JSON), whether it came from a face, the coercer or a default.
        var normalized = (JsonObject)JsonNode.Parse(Internal.ToolJson.ToUtf8(values))!;
        return new ToolArguments(definition, normalized);
    }

    private JsonNode? Value(string name)
    {
        if (Definition.FindParameter(name) is null)
        {
            throw new ArgumentException($"{name} is not a parameter of {Definition.Name}", nameof(name));
        }

        return _values[name];
    }

    private InvalidOperationException Missing(string name) =>
        new($"{Definition.Name}: {name} has no value; it is optional without a default, so use the GetOptional… accessor");
}
