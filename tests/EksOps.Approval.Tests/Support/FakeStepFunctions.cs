using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace EksOps.Approval.Tests.Support;

/// <summary>
/// A small Step Functions behind the real <c>StepFunctionsClient</c> (its transport handler): the AWS JSON 1.0
/// <c>SendTaskSuccess</c>, <c>SendTaskFailure</c> and <c>SendTaskHeartbeat</c> operations over task tokens that wait,
/// close on their first answer, time out or vanish, answering errors as the service does
/// (<c>{"__type": "…#TaskTimedOut", "message": …}</c>, HTTP 400).
/// </summary>
internal sealed class FakeStepFunctions : HttpMessageHandler
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, TokenState> _tokens = new(StringComparer.Ordinal);
    private readonly List<Call> _calls = [];

    public enum TokenState
    {
        Waiting,
        Closed,
        TimedOut,
    }

    /// <summary>Heartbeats answer <c>UnknownOperationException</c>, as an emulator without them might.</summary>
    public bool HeartbeatUnsupported { get; set; }

    /// <summary>Every operation answers HTTP 500 <c>InternalFailure</c>.</summary>
    public bool Failing { get; set; }

    /// <summary>Heartbeats succeed but the next success or failure finds the task timed out (the race after the check).</summary>
    public bool TimeOutOnCallback { get; set; }

    public IReadOnlyList<Call> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The callbacks (success or failure) received, in order.</summary>
    public IReadOnlyList<Call> Callbacks => [.. Calls.Where(c => c.Operation is "SendTaskSuccess" or "SendTaskFailure")];

    public void Wait(string token) => Set(token, TokenState.Waiting);

    /// <summary>Forgets the token, as Step Functions does once the execution is gone (<c>TaskDoesNotExist</c>).</summary>
    public void Forget(string token)
    {
        lock (_gate)
        {
            _tokens.Remove(token);
        }
    }

    public void Set(string token, TokenState state)
    {
        lock (_gate)
        {
            _tokens[token] = state;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        string target = request.Headers.TryGetValues("X-Amz-Target", out var values) ? values.Single() : string.Empty;
        string operation = target.StartsWith("AWSStepFunctions.", StringComparison.Ordinal) ? target["AWSStepFunctions.".Length..] : target;
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        string token = (string?)body["taskToken"] ?? string.Empty;
        lock (_gate)
        {
            _calls.Add(new Call(operation, body));
            if (Failing)
            {
                return Error(HttpStatusCode.InternalServerError, "InternalFailure", "the fake is failing");
            }

            if (operation is not ("SendTaskSuccess" or "SendTaskFailure" or "SendTaskHeartbeat"))
            {
                return Error(HttpStatusCode.BadRequest, "UnknownOperationException", operation);
            }

            if (operation == "SendTaskHeartbeat" && HeartbeatUnsupported)
            {
                return Error(HttpStatusCode.BadRequest, "UnknownOperationException", "SendTaskHeartbeat");
            }

            if (!_tokens.TryGetValue(token, out var state))
            {
                return Error(HttpStatusCode.BadRequest, "TaskDoesNotExist", "Task does not exist anymore");
            }

            if (state != TokenState.Waiting || (operation != "SendTaskHeartbeat" && TimeOutOnCallback))
            {
                _tokens[token] = state == TokenState.Waiting ? TokenState.TimedOut : state;
                return Error(HttpStatusCode.BadRequest, "TaskTimedOut", "Task Timed Out: the task token has either expired or the task has already been closed");
            }

            if (operation != "SendTaskHeartbeat")
            {
                _tokens[token] = TokenState.Closed;
            }

            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{}", Encoding.UTF8, "application/x-amz-json-1.0") };
        }
    }

    private static HttpResponseMessage Error(HttpStatusCode status, string code, string message) => new(status)
    {
        Content = new StringContent(
            new JsonObject { ["__type"] = "com.amazonaws.swf.service.v2.model#" + code, ["message"] = message }.ToJsonString(),
            Encoding.UTF8,
            "application/x-amz-json-1.0"),
    };

    public sealed record Call(string Operation, JsonObject Body);
}
