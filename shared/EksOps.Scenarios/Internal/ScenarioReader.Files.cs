using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Alarms;

namespace EksOps.Scenarios.Internal;

/// <summary>File references and the alarm.</summary>
internal sealed partial class ScenarioReader
{
    private const string AlarmExpected = "a file name (such as alarm.json) or the event inline as a mapping";

    /// <summary>
    /// Resolves a file named in a YAML value: relative to the scenario folder, <c>/</c>-separated, staying inside the
    /// folder, and existing. Returns the full path and the normalized relative name, or reports why not.
    /// </summary>
    private string? ResolveFile(Fields f, JsonObject obj, string path, string key, string reference, out string relative)
    {
        relative = reference;
        string childPath = JsonPaths.Child(path, key);
        var position = f.Map.OfMember(obj, key);
        if (reference.Contains('\\', StringComparison.Ordinal))
        {
            f.Error(childPath, position, "expected a relative file path with '/' separators but found " + Texts.Quote(reference));
            return null;
        }

        if (reference.StartsWith('/') || Path.IsPathRooted(reference))
        {
            f.Error(childPath, position, "expected a file path relative to the scenario folder but found the absolute path " + Texts.Quote(reference));
            return null;
        }

        string full = Path.GetFullPath(Path.Combine(directory, reference));
        string fromFolder = Path.GetRelativePath(directory, full).Replace('\\', '/');
        if (fromFolder == ".." || fromFolder.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(fromFolder) || fromFolder == ".")
        {
            f.Error(childPath, position, "expected a file inside the scenario folder but " + Texts.Quote(reference) + " leads outside it");
            return null;
        }

        relative = fromFolder;
        if (Directory.Exists(full))
        {
            f.Error(childPath, position, "expected a file but " + Texts.Quote(reference) + " is a folder");
            return null;
        }

        if (!System.IO.File.Exists(full))
        {
            f.Error(childPath, position, "expected the file " + Texts.Quote(reference) + " to exist in the scenario folder but it does not");
            return null;
        }

        return full;
    }

    /// <summary>A file name: a string (quoted, or plain text that is not a number, boolean or null), non-empty.</summary>
    private static string? FileName(Fields f, JsonObject obj, string path, string key, string expected)
    {
        var node = obj[key];
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Length > 0)
        {
            return value.GetValue<string>();
        }

        f.Unexpected(obj, path, key, expected, node);
        return null;
    }

    private static byte[]? ReadBytes(Fields f, JsonObject obj, string path, string key, string full)
    {
        try
        {
            return System.IO.File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            f.Error(JsonPaths.Child(path, key), f.Map.OfMember(obj, key), "expected a readable file but reading it failed: " + ex.Message);
            return null;
        }
    }

    private ScenarioAlarm? ReadAlarm(Fields f, JsonObject top)
    {
        if (!f.TryGet(top, JsonPaths.Root, "alarm", AlarmExpected, out var node))
        {
            return null;
        }

        if (node is JsonObject inline)
        {
            if (f.Map.HasFailureWithin(inline))
            {
                return null;
            }

            byte[] bytes = ToUtf8(inline);
            try
            {
                return Alarm(bytes, AlarmEventParser.Parse(bytes), file: null);
            }
            catch (InvalidAlarmEventException ex)
            {
                string jsonPath = ex.JsonPath ?? JsonPaths.Root;
                f.Error("$.alarm" + jsonPath[1..], f.Map.Locate(inline, jsonPath), AlarmProblem(ex));
                return null;
            }
        }

        string? reference = FileName(f, top, JsonPaths.Root, "alarm", AlarmExpected);
        if (reference is null)
        {
            return null;
        }

        string? full = ResolveFile(f, top, JsonPaths.Root, "alarm", reference, out string relative);
        byte[]? content = full is null ? null : ReadBytes(f, top, JsonPaths.Root, "alarm", full);
        if (content is null)
        {
            return null;
        }

        try
        {
            return Alarm(content, AlarmEventParser.Parse(content), relative);
        }
        catch (InvalidAlarmEventException ex)
        {
            Position? position = ex.InnerException is JsonException { LineNumber: long line, BytePositionInLine: long column }
                ? new Position(checked((int)line + 1), checked((int)column + 1))
                : null;
            errors.Add(relative, ex.JsonPath ?? JsonPaths.Root, position, AlarmProblem(ex));
            return null;
        }
    }

    /// <summary>Serializes the inline alarm as the compact JSON CloudWatch would send (no escaping of '+', '&lt;' and the like).</summary>
    private static byte[] ToUtf8(JsonObject alarm)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            alarm.WriteTo(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static ScenarioAlarm Alarm(byte[] bytes, AlarmStateChange change, string? file) => new()
    {
        Utf8Json = bytes,
        Json = JsonElement.Parse(bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes.AsSpan(3) : bytes),
        StateChange = change,
        File = file,
    };

    /// <summary>The alarm parser's message without its leading <c>path: </c>, prefixed so it reads as an alarm problem.</summary>
    private static string AlarmProblem(InvalidAlarmEventException ex)
    {
        string message = ex.Message;
        if (ex.JsonPath is not null && message.StartsWith(ex.JsonPath + ": ", StringComparison.Ordinal))
        {
            message = message[(ex.JsonPath.Length + 2)..];
        }

        return "invalid CloudWatch alarm event: " + message;
    }
}
