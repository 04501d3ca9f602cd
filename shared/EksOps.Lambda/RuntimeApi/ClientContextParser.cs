using System.Text.Json;

namespace EksOps.Lambda.RuntimeApi;

/// <summary>
/// Reads the JSON of the <c>Lambda-Runtime-Client-Context</c> and <c>Lambda-Runtime-Cognito-Identity</c> headers.
/// A header a caller filled with something else yields <see langword="null"/> rather than failing the invocation.
/// </summary>
internal static class ClientContextParser
{
    public static LambdaClientContext? ParseClientContext(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            ClientApplication? client = null;
            if (root.TryGetProperty("client", out var c) && c.ValueKind == JsonValueKind.Object)
            {
                client = new ClientApplication(
                    String(c, "installation_id"),
                    String(c, "app_title"),
                    String(c, "app_version_name"),
                    String(c, "app_version_code"),
                    String(c, "app_package_name"));
            }

            return new LambdaClientContext(client, Map(root, "custom"), Map(root, "env"));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static CognitoIdentity? ParseCognitoIdentity(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind == JsonValueKind.Object
                ? new CognitoIdentity(String(root, "cognitoIdentityId"), String(root, "cognitoIdentityPoolId"))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? String(JsonElement parent, string name) =>
        parent.TryGetProperty(name, out var value) ? Text(value) : null;

    /// <summary>A string value as it is; any other value as its JSON text, so no information is dropped.</summary>
    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        _ => value.GetRawText(),
    };

    private static Dictionary<string, string> Map(JsonElement root, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (root.TryGetProperty(name, out var obj) && obj.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in obj.EnumerateObject())
            {
                if (Text(property.Value) is { } text)
                {
                    map[property.Name] = text;
                }
            }
        }

        return map;
    }
}
