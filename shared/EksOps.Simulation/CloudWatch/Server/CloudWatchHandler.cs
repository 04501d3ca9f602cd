using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace EksOps.Simulation.CloudWatch;

/// <summary>
/// Answers every request of the simulator: SigV4 presence check, routing by <c>X-Amz-Target</c>, the AWS JSON 1.0
/// (CloudWatch, query-compatible) and 1.1 (CloudWatch Logs) framing, errors, and recording.
/// </summary>
internal sealed class CloudWatchHandler
{
    public const string CloudWatchTargetPrefix = "GraniteServiceVersion20100801";
    public const string LogsTargetPrefix = "Logs_20140328";
    private const int MaxBodyBytes = 4 * 1024 * 1024;
    private static readonly string[] HeaderParameters = ["Credential", "Signature", "SignedHeaders"];
    private static readonly string[] QueryParameters = ["X-Amz-Credential", "X-Amz-Signature", "X-Amz-SignedHeaders", "X-Amz-Date"];

    private readonly SimulatedCloudWatch _state;
    private readonly LogsOperations _logs;
    private readonly Action<RecordedCloudWatchRequest> _recorded;

    public CloudWatchHandler(SimulatedCloudWatch state, CloudWatchSimulatorOptions options, Action<RecordedCloudWatchRequest> recorded)
    {
        _state = state;
        _logs = new LogsOperations(state, options);
        _recorded = recorded;
    }

    public async Task HandleAsync(HttpContext context)
    {
        var target = Header(context.Request, "X-Amz-Target");
        var (service, operation) = Route(target);
        var body = await ReadBodyAsync(context).ConfigureAwait(false);
        string? accessKeyId = null;
        string? errorCode = null;
        try
        {
            accessKeyId = Authenticate(context.Request, service);
            if (service == Service.Unknown || !HttpMethods.IsPost(context.Request.Method))
            {
                throw Faults.UnknownOperation(target ?? DescribeForeign(context.Request));
            }

            using var input = Parse(body);
            var output = Dispatch(service, operation, input.RootElement);
            await WriteAsync(context, 200, service, output).ConfigureAwait(false);
        }
        catch (AwsFault fault) when (!context.Response.HasStarted)
        {
            errorCode = fault.Type[(fault.Type.LastIndexOf('#') + 1)..];
            await WriteErrorAsync(context, service, fault).ConfigureAwait(false);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            var fault = new AwsFault(500, "com.amazon.coral.service#InternalFailure", "InternalFailure", "The simulator failed: " + e.Message);
            errorCode = "InternalFailure";
            await WriteErrorAsync(context, service, fault).ConfigureAwait(false);
        }

        var serviceName = service switch
        {
            Service.CloudWatch => "monitoring",
            Service.Logs => "logs",
            _ => string.Empty,
        };
        _recorded(new RecordedCloudWatchRequest(serviceName, operation, Encoding.UTF8.GetString(body), context.Response.StatusCode)
        {
            ErrorCode = errorCode,
            AccessKeyId = accessKeyId,
        });
    }

    private byte[] Dispatch(Service service, string operation, JsonElement input) => (service, operation) switch
    {
        (Service.CloudWatch, "GetMetricData") => MetricDataOperation.Run(_state, input),
        (Service.CloudWatch, "DescribeAlarms") => AlarmOperations.DescribeAlarms(_state, input),
        (Service.CloudWatch, "DescribeAlarmHistory") => AlarmOperations.DescribeAlarmHistory(_state, input),
        (Service.Logs, "FilterLogEvents") => _logs.FilterLogEvents(input),
        (Service.Logs, "StartQuery") => _logs.StartQuery(input),
        (Service.Logs, "GetQueryResults") => _logs.GetQueryResults(input),
        (Service.Logs, "StopQuery") => _logs.StopQuery(input),
        _ => throw Faults.UnknownOperation((service == Service.CloudWatch ? CloudWatchTargetPrefix : LogsTargetPrefix) + "." + operation),
    };

    private static (Service Service, string Operation) Route(string? target)
    {
        if (target is null)
        {
            return (Service.Unknown, string.Empty);
        }

        var dot = target.IndexOf('.', StringComparison.Ordinal);
        var prefix = dot < 0 ? target : target[..dot];
        var operation = dot < 0 ? string.Empty : target[(dot + 1)..];
        return prefix switch
        {
            CloudWatchTargetPrefix => (Service.CloudWatch, operation),
            LogsTargetPrefix => (Service.Logs, operation),
            _ => (Service.Unknown, operation),
        };
    }

    /// <summary>
    /// Accepts any SigV4 signature but requires one: an <c>Authorization: AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…,
    /// Signature=…</c> header with <c>X-Amz-Date</c> (or <c>Date</c>), or a presigned query. The credential scope must
    /// name the service the target belongs to, as AWS checks.
    /// </summary>
    /// <returns>The access key id.</returns>
    private static string Authenticate(HttpRequest request, Service service)
    {
        var authorization = Header(request, "Authorization");
        var query = request.Query;
        var presigned = !StringValues.IsNullOrEmpty(query["X-Amz-Algorithm"]);
        if (authorization is null && !presigned)
        {
            throw Faults.MissingAuthenticationToken(service);
        }

        string credential;
        if (authorization is not null)
        {
            if (presigned)
            {
                throw Faults.InvalidSignature(service, "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header.");
            }

            if (!authorization.StartsWith("AWS4-", StringComparison.Ordinal))
            {
                throw Faults.MissingAuthenticationToken(service);
            }

            var parameters = authorization[(authorization.IndexOf(' ', StringComparison.Ordinal) + 1)..]
                .Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(p => p.Split('=', 2))
                .Where(p => p.Length == 2)
                .GroupBy(p => p[0], StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First()[1], StringComparer.Ordinal);
            var missing = HeaderParameters.Where(p => !parameters.ContainsKey(p))
                .Select(p => $"Authorization header requires '{p}' parameter.")
                .ToList();
            if (Header(request, "X-Amz-Date") is null && Header(request, "Date") is null)
            {
                missing.Add("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
            }

            if (missing.Count > 0)
            {
                throw Faults.IncompleteSignature(service, string.Join(' ', missing) + " Authorization=" + authorization.Split(' ')[0]);
            }

            credential = parameters["Credential"];
        }
        else
        {
            var missing = QueryParameters
                .Where(p => StringValues.IsNullOrEmpty(query[p]))
                .Select(p => $"AWS query-string parameters must include '{p}'.")
                .ToList();
            if (missing.Count > 0)
            {
                throw Faults.IncompleteSignature(service, string.Join(' ', missing));
            }

            credential = query["X-Amz-Credential"].ToString();
        }

        // Credential=AKID/20260101/us-east-1/monitoring/aws4_request
        var scope = credential.Split('/');
        var signingName = service switch
        {
            Service.CloudWatch => "monitoring",
            Service.Logs => "logs",
            _ => null,
        };
        if (scope.Length == 5 && signingName is not null && scope[3] != signingName)
        {
            throw Faults.InvalidSignature(service, $"Credential should be scoped to correct service: '{signingName}'. ");
        }

        return scope[0];
    }

    private static string DescribeForeign(HttpRequest request)
    {
        var contentType = request.ContentType ?? string.Empty;
        if (contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return "(Query protocol request: the simulator speaks AWS JSON only, with X-Amz-Target)";
        }

        if (contentType.StartsWith("application/cbor", StringComparison.OrdinalIgnoreCase) || (request.Path.Value ?? string.Empty).StartsWith("/service/", StringComparison.Ordinal))
        {
            return "(Smithy RPC v2 CBOR request: the simulator speaks AWS JSON only, with X-Amz-Target)";
        }

        return $"({request.Method} {request.Path} without a known X-Amz-Target)";
    }

    private static JsonDocument Parse(byte[] body)
    {
        if (body.Length == 0)
        {
            return JsonDocument.Parse("{}"u8.ToArray());
        }

        try
        {
            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw Faults.Serialization("The request body is not a JSON object.");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw Faults.Serialization("The request body is not valid JSON: " + e.Message);
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string? Header(HttpRequest request, string name)
    {
        var values = request.Headers[name];
        return StringValues.IsNullOrEmpty(values) ? null : values.ToString();
    }

    private static string ContentType(Service service) =>
        service == Service.Logs ? "application/x-amz-json-1.1" : "application/x-amz-json-1.0";

    private static async Task WriteAsync(HttpContext context, int status, Service service, byte[] body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType(service);
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    private static Task WriteErrorAsync(HttpContext context, Service service, AwsFault fault)
    {
        if (service != Service.Logs)
        {
            context.Response.Headers["x-amzn-query-error"] = fault.QueryCode + ";" + fault.Fault;
        }

        var body = JsonOutput.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("__type", fault.Type);
            writer.WriteString("message", fault.Message);
            fault.Extra?.Invoke(writer);
            writer.WriteEndObject();
        });
        return WriteAsync(context, fault.Status, service, body);
    }
}
