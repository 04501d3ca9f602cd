using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EksOps.Testing.Bedrock;

namespace EksOps.AlarmIngest.Tests;

/// <summary>
/// A loopback CloudWatch that answers <c>ListTagsForResource</c> (AWS JSON 1.0, query-compatible errors as CloudWatch
/// sends them) from the tags set per alarm ARN. It records every request, and can throttle or fail the next requests.
/// An ARN with no tags set answers <c>ResourceNotFoundException</c>, as CloudWatch does for an alarm that does not exist.
/// A test class may share one (as a class fixture, calling <see cref="Reset"/> per test): fewer loopback listeners
/// opened and closed means fewer of the managed HttpListener's port races under load.
/// </summary>
public sealed class FakeCloudWatch : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Dictionary<string, string>> _tags = new(StringComparer.Ordinal);
    private readonly List<string> _requestedArns = [];
    private readonly HttpListenerHost _host;
    private int _throttleNext;
    private (int Status, string Code)? _failWith;

    public FakeCloudWatch() => _host = HttpListenerHost.Start(HandleAsync);

    public Uri Endpoint => _host.Endpoint;

    /// <summary>The ARN of every ListTagsForResource request, in arrival order.</summary>
    public IReadOnlyList<string> RequestedArns
    {
        get
        {
            lock (_gate)
            {
                return [.. _requestedArns];
            }
        }
    }

    /// <summary>Forgets every alarm, request, throttle and failure.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _tags.Clear();
            _requestedArns.Clear();
            _throttleNext = 0;
            _failWith = null;
        }
    }

    /// <summary>The alarm exists with these tags (none: an alarm without tags).</summary>
    public void SetTags(string alarmArn, params (string Key, string Value)[] tags)
    {
        lock (_gate)
        {
            _tags[alarmArn] = tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        }
    }

    /// <summary>Answers the next <paramref name="count"/> requests with <c>Throttling</c>.</summary>
    public void ThrottleNext(int count)
    {
        lock (_gate)
        {
            _throttleNext = count;
        }
    }

    /// <summary>Answers every request with this error until set to <see langword="null"/>.</summary>
    public void FailWith(int status, string code)
    {
        lock (_gate)
        {
            _failWith = (status, code);
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task HandleAsync(RecordedRequest request, HttpListenerResponse response)
    {
        if (request.Target != "GraniteServiceVersion20100801.ListTagsForResource")
        {
            await Reply(response, 400, "InvalidAction", $"{request.Target} is not served here");
            return;
        }

        var arn = JsonNode.Parse(request.Body)!["ResourceARN"]!.GetValue<string>();
        int status;
        string? code;
        string body;
        lock (_gate)
        {
            _requestedArns.Add(arn);
            if (_throttleNext > 0)
            {
                _throttleNext--;
                (status, code, body) = (400, "Throttling", "Rate exceeded");
            }
            else if (_failWith is { } failure)
            {
                (status, code, body) = (failure.Status, failure.Code, $"{failure.Code} for {arn}");
            }
            else if (_tags.TryGetValue(arn, out var tags))
            {
                var list = new JsonArray([.. tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]);
                (status, code, body) = (200, null, new JsonObject { ["Tags"] = list }.ToJsonString());
            }
            else
            {
                (status, code, body) = (404, "ResourceNotFoundException", $"Alarm {arn} does not exist");
            }
        }

        if (code is null)
        {
            await Write(response, 200, body, null);
        }
        else
        {
            await Reply(response, status, code, body);
        }
    }

    private static Task Reply(HttpListenerResponse response, int status, string code, string message) =>
        Write(response, status, new JsonObject { ["__type"] = "com.amazonaws.cloudwatch#" + code, ["message"] = message }.ToJsonString(), code + ";Sender");

    private static async Task Write(HttpListenerResponse response, int status, string json, string? queryError)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        response.StatusCode = status;
        response.ContentType = "application/x-amz-json-1.0";
        if (queryError is not null)
        {
            response.Headers["x-amzn-query-error"] = queryError;
        }

        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }
}
