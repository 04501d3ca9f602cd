using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace EksOps.Aws.Http;

/// <summary>
/// Reads an AWS error response of any protocol: AWS JSON 1.0/1.1 and REST-JSON (<c>__type</c>, <c>code</c>,
/// <c>x-amzn-ErrorType</c>), query-compatible JSON (<c>x-amzn-query-error: Code;Fault</c>) and query/REST-XML
/// (<c>&lt;Code&gt;</c>, <c>&lt;Message&gt;</c>, <c>&lt;RequestId&gt;</c>) — the shape is sniffed from the body, not
/// trusted from <c>Content-Type</c> (emulators send XML auth errors to JSON clients).
/// </summary>
internal static class AwsErrorParser
{
    public static AwsServiceException Parse(
        string service, string operation, HttpStatusCode status, HttpResponseHeaders headers, ReadOnlySpan<byte> body,
        int attempts, TimeSpan? retryAfter)
    {
        string? code = null;
        string? message = null;
        string? fault = null;
        string? bodyRequestId = null;

        var trimmed = TrimStart(body);
        if (trimmed.Length > 0 && trimmed[0] == (byte)'{')
        {
            ReadJson(trimmed, ref code, ref message);
        }
        else if (trimmed.Length > 0 && trimmed[0] == (byte)'<')
        {
            var xml = Encoding.UTF8.GetString(trimmed);
            code = XmlElement(xml, "Code");
            message = XmlElement(xml, "Message");
            fault = XmlElement(xml, "Type");
            bodyRequestId = XmlElement(xml, "RequestId") ?? XmlElement(xml, "RequestID");
        }

        // Header codes: x-amzn-ErrorType is what REST-JSON services send (and JSON services may); the body's __type wins
        // for JSON as in botocore, the header fills in when the body has none.
        code ??= Header(headers, "x-amzn-ErrorType");

        // awsQueryCompatible services put the legacy query code (the one documented for the Query protocol) here.
        var queryError = Header(headers, "x-amzn-query-error");
        if (queryError is not null)
        {
            var separator = queryError.IndexOf(';', StringComparison.Ordinal);
            if (separator > 0)
            {
                code = queryError[..separator];
                fault = queryError[(separator + 1)..];
            }
        }

        code = Sanitize(code);
        if (string.IsNullOrEmpty(code))
        {
            code = ((int)status).ToString(CultureInfo.InvariantCulture);
        }

        var requestId = Header(headers, "x-amzn-RequestId") ?? Header(headers, "x-amz-request-id") ?? bodyRequestId;
        var throttling = AwsErrorClassifier.IsThrottling(status, code);
        var exception = throttling
            ? new AwsThrottlingException(service, operation, status, code, message, requestId) { Fault = fault, Attempts = attempts, RetryAfter = retryAfter }
            : new AwsServiceException(service, operation, status, code, message, requestId) { Fault = fault, Attempts = attempts, RetryAfter = retryAfter };
        return exception;
    }

    /// <summary><c>aws.protocoltests#FooError:http://internal/…</c> → <c>FooError</c> (botocore's and the Smithy SDKs' rule).</summary>
    internal static string? Sanitize(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        code = code.Trim();
        var colon = code.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        return code.Length == 0 ? null : code;
    }

    private static void ReadJson(ReadOnlySpan<byte> body, ref string? code, ref string? message)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }

            string? type = null;
            string? lowerCode = null;
            string? upperCode = null;
            string? lowerMessage = null;
            string? upperMessage = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read())
                {
                    break;
                }

                if (reader.TokenType == JsonTokenType.String)
                {
                    switch (name)
                    {
                        case "__type": type = reader.GetString(); break;
                        case "code": lowerCode = reader.GetString(); break;
                        case "Code": upperCode = reader.GetString(); break;
                        case "message": lowerMessage = reader.GetString(); break;
                        case "Message": upperMessage = reader.GetString(); break;
                        case "errorMessage": upperMessage ??= reader.GetString(); break;
                        default: break;
                    }
                }
                else
                {
                    reader.Skip();
                }
            }

            code = type ?? lowerCode ?? upperCode;
            message = lowerMessage ?? upperMessage;
        }
        catch (JsonException)
        {
            // A truncated or invalid body keeps whatever was read; the status and headers still describe the error.
        }
    }

    private static string? XmlElement(string xml, string name)
    {
        var open = "<" + name + ">";
        var start = xml.IndexOf(open, StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += open.Length;
        var end = xml.IndexOf("</" + name + ">", start, StringComparison.Ordinal);
        if (end < 0)
        {
            return null;
        }

        var value = WebUtility.HtmlDecode(xml[start..end]).Trim();
        return value.Length == 0 ? null : value;
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim() : null;

    private static ReadOnlySpan<byte> TrimStart(ReadOnlySpan<byte> body)
    {
        if (body.StartsWith("\uFEFF"u8))
        {
            body = body[3..];
        }

        var i = 0;
        while (i < body.Length && body[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return body[i..];
    }
}
