using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Encodings.Web;

namespace EksOps.Tools.Faces.Internal;

/// <summary>JSON text for bodies the faces write themselves, encoded like <see cref="ToolResult.ToJsonText"/>.</summary>
internal static class FaceJson
{
    // Relaxed escaping as the registry uses: the body is read by a model, and \u003C for '<' only costs it tokens.
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonNode node)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Compact))
        {
            node.WriteTo(writer);
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>The error object every face uses for problems found before the registry is reached.</summary>
    public static JsonObject Error(string code, string message) =>
        new() { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };
}
