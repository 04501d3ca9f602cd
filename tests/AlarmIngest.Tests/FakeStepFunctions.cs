using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EksOps.Testing.Bedrock;

namespace EksOps.AlarmIngest.Tests;

/// <summary>
/// A loopback Step Functions (AWS JSON 1.0, <c>AWSStepFunctions.StartExecution</c>) with a Standard workflow's name
/// semantics, applied atomically: a new name starts an execution; the same name with the same input returns it (HTTP
/// 200); the same name with another input is <c>ExecutionAlreadyExists</c>. It records every request, and can throttle
/// the next requests.
/// </summary>
internal sealed class FakeStepFunctions : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string Arn, string Input)> _executions = new(StringComparer.Ordinal);
    private readonly List<JsonObject> _requests = [];
    private readonly HttpListenerHost _host;
    private int _throttleNext;

    private FakeStepFunctions() => _host = HttpListenerHost.Start(HandleAsync);

    public Uri Endpoint => _host.Endpoint;

    /// <summary>Every StartExecution request body, in arrival order.</summary>
    public IReadOnlyList<JsonObject> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The executions started, by name.</summary>
    public IReadOnlyDictionary<string, (string Arn, string Input)> Executions
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, (string Arn, string Input)>(_executions, StringComparer.Ordinal);
            }
        }
    }

    public static FakeStepFunctions Start() => new();

    public static string ArnOf(string stateMachineArn, string name) => stateMachineArn.Replace(":stateMachine:", ":execution:", StringComparison.Ordinal) + ":" + name;

    /// <summary>Answers the next <paramref name="count"/> requests with <c>ThrottlingException</c>.</summary>
    public void ThrottleNext(int count)
    {
        lock (_gate)
        {
            _throttleNext = count;
        }
    }

    /// <summary>An execution that exists before the test (started by a delivery whose answer was lost).</summary>
    public void Seed(string stateMachineArn, string name, string input)
    {
        lock (_gate)
        {
            _executions[name] = (ArnOf(stateMachineArn, name), input);
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task HandleAsync(RecordedRequest request, HttpListenerResponse response)
    {
        if (request.Target != "AWSStepFunctions.StartExecution")
        {
            await Reply(response, 400, $$"""{"__type":"UnknownOperationException","message":"{{request.Target}}"}""");
            return;
        }

        var body = JsonNode.Parse(request.Body)!.AsObject();
        var stateMachineArn = body["stateMachineArn"]!.GetValue<string>();
        var name = body["name"]!.GetValue<string>();
        var input = body["input"]!.GetValue<string>();
        int status;
        string answer;
        lock (_gate)
        {
            _requests.Add(body);
            if (_throttleNext > 0)
            {
                _throttleNext--;
                (status, answer) = (400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""");
            }
            else if (_executions.TryGetValue(name, out var existing))
            {
                (status, answer) = existing.Input == input
                    ? (200, $$"""{"executionArn":"{{existing.Arn}}","startDate":1772366400.0}""")
                    : (400, $$"""{"__type":"com.amazonaws.swf.service.v2.model#ExecutionAlreadyExists","message":"Execution Already Exists: '{{existing.Arn}}'"}""");
            }
            else
            {
                var arn = ArnOf(stateMachineArn, name);
                _executions[name] = (arn, input);
                (status, answer) = (200, $$"""{"executionArn":"{{arn}}","startDate":1772366400.0}""");
            }
        }

        await Reply(response, status, answer);
    }

    private static async Task Reply(HttpListenerResponse response, int status, string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        response.StatusCode = status;
        response.ContentType = "application/x-amz-json-1.0";
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
