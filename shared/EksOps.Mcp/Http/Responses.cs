namespace EksOps.Mcp.Http;

/// <summary>Builds Function URL responses.</summary>
internal static class Responses
{
    public const string JsonContentType = "application/json";

    public static FunctionUrlResponse Json(int status, string body, params (string Name, string Value)[] headers) =>
        Build(status, body, JsonContentType, headers);

    public static FunctionUrlResponse Build(int status, string? body, string? contentType, params (string Name, string Value)[] headers)
    {
        var response = new FunctionUrlResponse { StatusCode = status, Body = body };
        if (contentType is not null)
        {
            response.Headers["content-type"] = contentType;
        }

        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        return response;
    }

    /// <summary>202 Accepted: a notification or response was taken; no body and so no content type.</summary>
    public static FunctionUrlResponse Accepted() => Build(202, null, null);
}
