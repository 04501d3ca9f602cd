using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace EksOps.Tools.Actions;

/// <summary>
/// Raw JSON reads and writes over the HttpClient, base address and credentials of a KubernetesClient
/// <see cref="Kubernetes"/>: the patch body and its Content-Type go out exactly as planned, and no typed model sits in
/// between to drop or reorder fields. Nothing here retries a write, so a write is sent at most once per call.
/// </summary>
internal sealed class KubernetesApi
{
    private readonly Kubernetes _client;
    private readonly CancellationToken _cancellationToken;

    public KubernetesApi(IKubernetes kubernetes, CancellationToken cancellationToken)
    {
        _client = kubernetes as Kubernetes
            ?? throw new ToolException("unsupported", "runbooks need the KubernetesClient Kubernetes client (raw patches are sent over its HttpClient)");
        _cancellationToken = cancellationToken;
    }

    /// <summary>GETs an object; <see langword="null"/> when it does not exist.</summary>
    public async Task<JsonObject?> GetAsync(string path, string what)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, path, null, null, what, write: false).ConfigureAwait(false);
        return status == HttpStatusCode.NotFound ? null : Parse(body, what) ?? throw Unexpected(what);
    }

    /// <summary>Lists a collection (every page) and returns its items.</summary>
    public async Task<List<JsonObject>> ListAsync(string path, string query, string what)
    {
        var items = new List<JsonObject>();
        string? continueToken = null;
        do
        {
            var pageQuery = query + (query.Length > 0 ? "&" : string.Empty) + "limit=500"
                + (continueToken is null ? string.Empty : "&continue=" + Uri.EscapeDataString(continueToken));
            var (status, body) = await SendAsync(HttpMethod.Get, path + "?" + pageQuery, null, null, what, write: false).ConfigureAwait(false);
            if (status == HttpStatusCode.NotFound)
            {
                throw new ToolException("not_found", $"the API server does not serve {what}");
            }

            var list = Parse(body, what) ?? throw Unexpected(what);
            items.AddRange((list["items"] as JsonArray ?? []).OfType<JsonObject>());
            continueToken = (string?)list["metadata"]?["continue"] is { Length: > 0 } next ? next : null;
        }
        while (continueToken is not null);
        return items;
    }

    /// <summary>Sends a write (PATCH, DELETE, POST) and returns the server's JSON answer; a refusal is a <see cref="ToolException"/>.</summary>
    /// <param name="method">The verb.</param>
    /// <param name="pathAndQuery">The path, with <c>?dryRun=All</c> for a server-side dry run.</param>
    /// <param name="contentType">The body's media type, e.g. <c>application/strategic-merge-patch+json</c>.</param>
    /// <param name="body">The body, sent byte for byte.</param>
    /// <param name="what">What is written, for messages.</param>
    public async Task<JsonObject> WriteAsync(HttpMethod method, string pathAndQuery, string contentType, string body, string what)
    {
        var (status, answer) = await SendAsync(method, pathAndQuery, contentType, body, what, write: true).ConfigureAwait(false);
        if (status == HttpStatusCode.NotFound)
        {
            throw new ToolException("not_found", $"{what}: the object does not exist (any more): {ServerMessage(answer) ?? "404"}");
        }

        return Parse(answer, what) ?? throw Unexpected(what);
    }

    /// <summary>The <c>message</c> of a Kubernetes <c>Status</c> body, or the start of the body when it is not one.</summary>
    public static string? ServerMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(body) is JsonObject status && status["message"] is JsonValue message && message.GetValueKind() == JsonValueKind.String)
            {
                return message.GetValue<string>();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body itself is the message.
        }

        return body.Length > 500 ? body[..500] : body.Trim();
    }

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpMethod method, string pathAndQuery, string? contentType, string? body, string what, bool write)
    {
        using var request = new HttpRequestMessage(method, new Uri(_client.BaseUri, pathAndQuery.TrimStart('/')));
        request.Headers.Accept.ParseAdd("application/json");
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType ?? "application/json");
        }

        try
        {
            if (_client.Credentials is { } credentials)
            {
                await credentials.ProcessHttpRequestAsync(request, _cancellationToken).ConfigureAwait(false);
            }

            using var response = await _client.HttpClient.SendAsync(request, _cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(_cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.NotFound)
            {
                return (response.StatusCode, text);
            }

            throw Refused(response.StatusCode, text, what);
        }
        catch (HttpRequestException e)
        {
            // A write whose request may have reached the server has an unknown outcome; a read simply failed.
            throw write
                ? new ToolException("outcome_unknown", $"{what}: the connection to the Kubernetes API server failed ({e.Message}); it may or may not have been applied, so read the object before trying again", e)
                : new ToolException("cluster_unreachable", $"the Kubernetes API server could not be reached while reading {what}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!_cancellationToken.IsCancellationRequested)
        {
            throw write
                ? new ToolException("outcome_unknown", $"{what}: the Kubernetes API server did not answer in time; it may or may not have been applied, so read the object before trying again", e)
                : new ToolException("timeout", $"the Kubernetes API server did not answer in time while reading {what}", e);
        }
    }

    private static ToolException Refused(HttpStatusCode status, string body, string what)
    {
        var code = status switch
        {
            HttpStatusCode.Conflict => "conflict",
            HttpStatusCode.UnprocessableEntity => "invalid_change",
            HttpStatusCode.TooManyRequests => "throttled",
            HttpStatusCode.Forbidden => "forbidden",
            HttpStatusCode.Unauthorized => "unauthorized",
            HttpStatusCode.BadRequest => "bad_request",
            HttpStatusCode.UnsupportedMediaType => "unsupported_patch",
            _ => "upstream_error",
        };
        return new ToolException(code, string.Create(CultureInfo.InvariantCulture, $"{what}: the Kubernetes API server refused it ({(int)status}): {ServerMessage(body) ?? status.ToString()}"));
    }

    private static JsonObject? Parse(string body, string what)
    {
        try
        {
            return JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException e)
        {
            throw new ToolException("upstream_error", $"the API server answered {what} with invalid JSON", e);
        }
    }

    private static ToolException Unexpected(string what) =>
        new("upstream_error", $"the API server answered {what} with something other than a JSON object");
}
