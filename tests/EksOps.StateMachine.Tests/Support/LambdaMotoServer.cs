using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text;
using EksOps.Testing.Bedrock;
using EksOps.Testing.Moto;

namespace EksOps.StateMachine.Tests.Support;

/// <summary>
/// The shared moto fixture (signatures checked) with moto's Lambda calls answered here: moto's Step Functions
/// interpreter invokes Lambda with boto3 at <c>localhost:MOTO_PORT</c> (key "ak", no retries), so <c>MOTO_PORT</c> points
/// at a loopback Lambda Invoke endpoint that answers from the <see cref="IncidentScript"/> registered for the region in
/// the function ARN, as Lambda would: 200 with the output, 200 with <c>X-Amz-Function-Error: Unhandled</c> and the
/// error document, or 429 <c>TooManyRequestsException</c>.
/// </summary>
public sealed class LambdaMotoServer : MotoServer
{
    private const string InvokePrefix = "/2015-03-31/functions/";
    private readonly ConcurrentDictionary<string, IncidentScript> _scripts = new(StringComparer.Ordinal);
    private HttpListenerHost? _lambda;

    /// <summary>Answers the Lambda calls of executions in <paramref name="region"/> from <paramref name="script"/>.</summary>
    public void Script(string region, IncidentScript script)
    {
        if (!_scripts.TryAdd(region, script))
        {
            throw new InvalidOperationException($"Region {region} already has a script; moto runs one execution per region.");
        }
    }

    /// <inheritdoc/>
    protected override ValueTask<IReadOnlyDictionary<string, string>> PrepareAsync()
    {
        _lambda = HttpListenerHost.Start(AnswerAsync, alsoLocalhost: true);
        return ValueTask.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>
        {
            ["MOTO_PORT"] = _lambda.Endpoint.Port.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <inheritdoc/>
    protected override async ValueTask CleanUpAsync()
    {
        if (_lambda is not null)
        {
            await _lambda.DisposeAsync();
        }
    }

    private async Task AnswerAsync(RecordedRequest request, HttpListenerResponse response)
    {
        var path = request.PathAndQuery.Split('?')[0];
        if (!path.StartsWith(InvokePrefix, StringComparison.Ordinal) || !path.EndsWith("/invocations", StringComparison.Ordinal))
        {
            await WriteAsync(response, 404, """{"Type":"User","message":"Only Lambda Invoke is served here."}""", ("x-amzn-ErrorType", "ResourceNotFoundException"));
            return;
        }

        var arn = WebUtility.UrlDecode(path[InvokePrefix.Length..^"/invocations".Length]);
        var parts = arn.Split(':');
        if (parts.Length < 7 || !_scripts.TryGetValue(parts[3], out var script))
        {
            await WriteAsync(response, 404, $$"""{"Type":"User","message":"Function not found: {{arn}}"}""", ("x-amzn-ErrorType", "ResourceNotFoundException"));
            return;
        }

        var outcome = script.Next(parts[6], request.Text);
        switch (outcome.Kind)
        {
            case TaskOutcomeKind.Return:
                await WriteAsync(response, 200, outcome.Body, ("X-Amz-Executed-Version", "$LATEST"));
                break;
            case TaskOutcomeKind.FunctionError:
                await WriteAsync(response, 200, outcome.Body, ("X-Amz-Executed-Version", "$LATEST"), ("X-Amz-Function-Error", "Unhandled"));
                break;
            default:
                await WriteAsync(response, 429, outcome.Body, ("x-amzn-ErrorType", outcome.ErrorType!));
                break;
        }
    }

    private static async Task WriteAsync(HttpListenerResponse response, int status, string body, params (string Name, string Value)[] headers)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        // moto reads the request id of every Lambda error (Lambda always sends one).
        response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
