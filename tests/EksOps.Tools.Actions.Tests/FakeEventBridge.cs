using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace EksOps.Tools.Actions.Tests;

/// <summary>
/// EventBridge's PutEvents behind the production <c>EventBridgeClient</c> (signed, AWS JSON 1.1), as the transport of
/// its pipeline: records every entry and answers each call with an event id per entry, or with the scripted entry
/// error (a 200 with <c>FailedEntryCount</c>, as EventBridge reports partial failure).
/// </summary>
internal sealed class FakeEventBridge : HttpMessageHandler
{
    private readonly List<JsonObject> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>The error code the next calls' entries fail with; <see langword="null"/> accepts them.</summary>
    public string? FailWith { get; set; }

    /// <summary>Every entry accepted, in order.</summary>
    public IReadOnlyList<JsonObject> Accepted
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries.Where(e => e["EventId"] is not null)];
            }
        }
    }

    /// <summary>How many PutEvents calls arrived.</summary>
    public int Calls { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Assert.Equal("AWSEvents.PutEvents", request.Headers.GetValues("X-Amz-Target").Single());
        Assert.StartsWith("AWS4-HMAC-SHA256 ", string.Join(",", request.Headers.GetValues("Authorization")), StringComparison.Ordinal);
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync(cancellationToken))!.AsObject();
        var results = new JsonArray();
        int failed = 0;
        lock (_gate)
        {
            Calls++;
            foreach (var entry in body["Entries"]!.AsArray().OfType<JsonObject>())
            {
                var recorded = (JsonObject)entry.DeepClone();
                if (FailWith is { } code)
                {
                    failed++;
                    results.Add((JsonNode)new JsonObject { ["ErrorCode"] = code, ["ErrorMessage"] = "scripted failure" });
                }
                else
                {
                    string id = string.Create(CultureInfo.InvariantCulture, $"event-{_entries.Count + 1}");
                    recorded["EventId"] = id;
                    results.Add((JsonNode)new JsonObject { ["EventId"] = id });
                }

                _entries.Add(recorded);
            }
        }

        var answer = new JsonObject { ["FailedEntryCount"] = failed, ["Entries"] = results };
        return new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/x-amz-json-1.1"),
        };
    }
}
