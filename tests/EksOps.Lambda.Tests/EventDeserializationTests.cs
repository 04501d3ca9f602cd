using EksOps.Lambda.Tests.Support;

namespace EksOps.Lambda.Tests;

public sealed class EventDeserializationTests
{
    public static TheoryData<string, string> UnreadableEvents => new()
    {
        { "{\"Name\": \"unterminated", "not valid JSON" },
        { "", "empty" },
        { " \r\n\t ", "empty" },
        { "null", "JSON null" },
        { "[1, 2, 3]", "not valid JSON" },
        { "{\"Name\": 42, \"Count\": 1}", "not valid JSON" },
        { "\"just a string\"", "not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(UnreadableEvents))]
    public async Task An_event_that_cannot_be_read_is_an_EventDeserializationException_and_the_loop_continues(string payload, string reason)
    {
        var calls = 0;
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, _) =>
        {
            Interlocked.Increment(ref calls);
            return Task.FromResult(new Pong(ping.Name, ping.Count));
        });

        var failed = await harness.InvokeAsync(payload);
        var next = await harness.InvokeAsync(new Ping("valid", 1));

        Assert.True(failed.IsError);
        Assert.Equal("EventDeserializationException", failed.ErrorType);
        Assert.Equal("EventDeserializationException", failed.ErrorTypeHeader);
        Assert.Contains(reason, failed.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(nameof(Ping), failed.ErrorMessage, StringComparison.Ordinal);
        Assert.False(next.IsError, next.ToString());
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task The_serializer_error_is_kept_as_the_cause()
    {
        await using var harness = await RuntimeHarness.StartAsync<Ping, Pong>((ping, _) => Task.FromResult(new Pong(ping.Name, 0)));

        var failed = await harness.InvokeAsync("{\"Count\": \"many\"}");

        Assert.Equal("EventDeserializationException", failed.ErrorType);
        Assert.Equal("JsonException", failed.ErrorDocument!.Value.GetProperty("cause").GetProperty("errorType").GetString());
    }

    [Fact]
    public async Task A_JsonElement_handler_receives_any_JSON_including_null()
    {
        await using var harness = await RuntimeHarness.StartAsync<JsonElement, string>((element, _) => Task.FromResult(element.ValueKind.ToString()));

        var array = await harness.InvokeAsync("[1,2]");
        var nullEvent = await harness.InvokeAsync("null");
        var empty = await harness.InvokeAsync("");

        Assert.Equal("\"Array\"", array.PayloadText);
        Assert.Equal("\"Null\"", nullEvent.PayloadText);
        Assert.Equal("EventDeserializationException", empty.ErrorType);
    }
}
