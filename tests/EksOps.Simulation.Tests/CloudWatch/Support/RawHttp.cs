using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EksOps.Simulation.Tests.CloudWatch.Support;

/// <summary>Raw AWS JSON requests to the simulator, signed with a syntactically valid but unverified SigV4 header (or not signed at all).</summary>
public static class RawHttp
{
    public sealed record Response(int Status, string? ContentType, IReadOnlyDictionary<string, string> Headers, string Body)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;
    }

    public static async Task<Response> PostAsync(
        Uri endpoint, string? target, string body, string? authorization = "default", string? scopeService = null, string path = "/", string contentType = "application/x-amz-json-1.1", bool date = true)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(endpoint, path)) { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (target is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        }

        if (date)
        {
            request.Headers.TryAddWithoutValidation("X-Amz-Date", "20261120T100200Z");
        }

        if (authorization is not null)
        {
            var service = scopeService ?? (target?.StartsWith("Logs_", StringComparison.Ordinal) == true ? "logs" : "monitoring");
            request.Headers.TryAddWithoutValidation("Authorization", authorization == "default"
                ? $"AWS4-HMAC-SHA256 Credential=AKIDRAWHTTP/20261120/us-east-1/{service}/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0123456789abcdef"
                : authorization);
        }

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var headers = response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        return new Response((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, headers, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }
}
