using System.Net;
using EksOps.Aws;

namespace EksOps.Tools.Readers;

/// <summary>Turns AWS service errors into <see cref="ToolException"/>s carrying the service's message.</summary>
internal static class AwsErrors
{
    public static ToolException Map(AwsServiceException e, string operation)
    {
        var code = e.StatusCode switch
        {
            HttpStatusCode.NotFound => "not_found",
            HttpStatusCode.Forbidden => "forbidden",
            HttpStatusCode.BadRequest => "bad_request",
            HttpStatusCode.TooManyRequests => "throttled",
            _ => "upstream_error",
        };
        return new ToolException(code, $"{e.Service} {operation} failed ({e.ErrorCode}): {e.ErrorMessage ?? "no message"}", e);
    }
}
