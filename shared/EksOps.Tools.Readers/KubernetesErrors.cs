using System.Net;
using System.Text.Json;
using k8s.Autorest;

namespace EksOps.Tools.Readers;

/// <summary>Turns Kubernetes API failures into <see cref="ToolException"/>s carrying the API server's own message.</summary>
internal static class KubernetesErrors
{
    /// <summary>Runs a Kubernetes call, mapping its failures.</summary>
    public static async Task<T> Call<T>(Func<Task<T>> call, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (HttpOperationException e)
        {
            throw Map(e, what);
        }
        catch (HttpRequestException e)
        {
            throw new ToolException("cluster_unreachable", $"the Kubernetes API server could not be reached while reading {what}: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ToolException("timeout", $"the Kubernetes API server did not answer in time while reading {what}", e);
        }
    }

    /// <summary>Maps one failed response.</summary>
    public static ToolException Map(HttpOperationException e, string what)
    {
        var status = e.Response?.StatusCode ?? 0;
        var message = ServerMessage(e.Response?.Content) ?? $"HTTP {(int)status}";
        var code = status switch
        {
            HttpStatusCode.NotFound => "not_found",
            HttpStatusCode.Forbidden => "forbidden",
            HttpStatusCode.Unauthorized => "unauthorized",
            HttpStatusCode.BadRequest => "bad_request",
            HttpStatusCode.TooManyRequests => "throttled",
            _ => "upstream_error",
        };
        return new ToolException(code, $"Kubernetes API error reading {what} ({(int)status}): {message}", e);
    }

    /// <summary>The <c>message</c> of a Kubernetes <c>Status</c> body, or the body itself when it is not one.</summary>
    internal static string? ServerMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString();
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body is the message.
        }

        return body.Length > 500 ? body[..500] : body.Trim();
    }
}
