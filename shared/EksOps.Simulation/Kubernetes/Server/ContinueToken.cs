using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EksOps.Simulation.Kubernetes;

/// <summary>The opaque <c>continue</c> token of a paged list, shaped as the etcd storage writes it: base64url of
/// <c>{"v":"meta.k8s.io/v1","rv":N,"start":"key\u0000"}</c>.</summary>
internal static class ContinueToken
{
    public static string Encode(long resourceVersion, string lastKey)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = resourceVersion, ["start"] = lastKey + "\u0000" }.ToUtf8();
        return Convert.ToBase64String(json).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>The key to resume after.</summary>
    /// <exception cref="ApiException">400 when the token is not one this server issued.</exception>
    public static string Decode(string token)
    {
        try
        {
            var padded = token.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            var json = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(padded)));
            if (json.Str("v") != "meta.k8s.io/v1" || json.Str("start") is not { Length: > 0 } start || !start.EndsWith('\u0000'))
            {
                throw ApiErrors.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
            }

            return start[..^1];
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            throw ApiErrors.BadRequest($"continue key is not valid: {e.Message}");
        }
    }
}
