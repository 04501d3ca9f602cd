using System.Text.Json.Nodes;

namespace EksOps.Tools.Internal;

/// <summary>Turns parameters into JSON Schema (the full form MCP and validation use; faces project it further).</summary>
internal static class SchemaWriter
{
    public static string TypeName(ToolParameterType type) => type switch
    {
        ToolParameterType.String => "string",
        ToolParameterType.Integer => "integer",
        ToolParameterType.Number => "number",
        ToolParameterType.Boolean => "boolean",
        ToolParameterType.StringArray => "array",
        ToolParameterType.Object => "object",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "not a parameter type"),
    };

    /// <summary>The input schema: an object of the parameters, no other properties.</summary>
    public static JsonObject InputSchema(IReadOnlyList<ToolParameter> parameters)
    {
        var schema = new JsonObject { ["type"] = "object" };
        var properties = new JsonObject();
        foreach (var parameter in parameters)
        {
            properties[parameter.Name] = ParameterSchema(parameter);
        }

        schema["properties"] = properties;
        var required = parameters.Where(p => p.Required).Select(p => p.Name).ToList();
        if (required.Count > 0)
        {
            schema["required"] = ToolJson.StringArray(required);
        }

        schema["additionalProperties"] = false;
        return schema;
    }

    public static JsonObject ParameterSchema(ToolParameter parameter)
    {
        var schema = new JsonObject
        {
            ["type"] = TypeName(parameter.Type),
            ["description"] = parameter.Description,
        };
        switch (parameter.Type)
        {
            case ToolParameterType.String:
                AddStringConstraints(schema, parameter);
                if (parameter.Format is not null)
                {
                    schema["format"] = parameter.Format;
                }

                break;
            case ToolParameterType.Integer:
            case ToolParameterType.Number:
                if (parameter.Minimum is double minimum)
                {
                    schema["minimum"] = ToolJson.Number(minimum);
                }

                if (parameter.Maximum is double maximum)
                {
                    schema["maximum"] = ToolJson.Number(maximum);
                }

                break;
            case ToolParameterType.StringArray:
                var items = new JsonObject { ["type"] = "string" };
                AddStringConstraints(items, parameter);
                schema["items"] = items;
                if (parameter.MaxItems is int maxItems)
                {
                    schema["maxItems"] = maxItems;
                }

                break;
            case ToolParameterType.Object:
                if (parameter.Properties is { } nested)
                {
                    var properties = new JsonObject();
                    foreach (var property in nested)
                    {
                        properties[property.Name] = ParameterSchema(property);
                    }

                    schema["properties"] = properties;
                    var required = nested.Where(p => p.Required).Select(p => p.Name).ToList();
                    if (required.Count > 0)
                    {
                        schema["required"] = ToolJson.StringArray(required);
                    }

                    schema["additionalProperties"] = false;
                }
                else if (parameter.ValueType is ToolParameterType valueType)
                {
                    schema["additionalProperties"] = new JsonObject { ["type"] = TypeName(valueType) };
                }

                break;
            default:
                break;
        }

        if (parameter.Default is not null)
        {
            schema["default"] = parameter.Default.DeepClone();
        }

        return schema;
    }

    private static void AddStringConstraints(JsonObject schema, ToolParameter parameter)
    {
        if (parameter.Enum is { } values)
        {
            schema["enum"] = ToolJson.StringArray(values);
        }

        if (parameter.MinLength is int minLength)
        {
            schema["minLength"] = minLength;
        }

        if (parameter.MaxLength is int maxLength)
        {
            schema["maxLength"] = maxLength;
        }

        if (parameter.Pattern is not null)
        {
            schema["pattern"] = parameter.Pattern;
        }
    }
}
