using System.Text;
using System.Text.Json.Nodes;

namespace EksOps.Tools.Tests;

public sealed class TruncationTests
{
    private static int Bytes(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));

    [Fact]
    public void A_result_under_the_cap_is_left_alone()
    {
        var result = new JsonObject { ["log"] = "short" };

        Assert.Null(ToolOutputLimiter.Limit(result, 2048, TruncationMode.KeepStart));
        Assert.Equal("""{"log":"short"}""", result.ToJsonString());
    }

    [Fact]
    public void The_size_measure_matches_the_serialized_bytes()
    {
        var node = JsonNode.Parse("""{"a":[1,2.5,true,null,"é\n\"x\"<>"],"b":{"c":"d"}}""")!;

        Assert.Equal(Bytes(node), ToolOutputLimiter.MeasureBytes(node));
    }

    [Fact]
    public void A_long_log_keeps_its_end_with_an_inline_marker_and_a_report_saying_how_much_was_cut()
    {
        string log = string.Join("\n", Enumerable.Range(1, 5000).Select(i => $"line {i:D5} something happened"));
        var result = new JsonObject { ["pod"] = "p", ["log"] = log };

        var report = ToolOutputLimiter.Limit(result, 4096, TruncationMode.KeepEnd)!;

        string kept = result["log"]!.GetValue<string>();
        Assert.StartsWith("[truncated: ", kept, StringComparison.Ordinal);
        Assert.EndsWith("line 05000 something happened", kept, StringComparison.Ordinal);
        var cut = Assert.Single(report.Cuts);
        Assert.Equal("/log", cut.Path);
        int omitted = log.Length - (kept.Length - kept.IndexOf('…', StringComparison.Ordinal) - 1);
        Assert.Equal($"{omitted} of {log.Length} characters", cut.Omitted);
        Assert.Contains($"{omitted} earlier characters", kept, StringComparison.Ordinal);
        Assert.True(Bytes(result) <= 4096);
        Assert.Equal(Bytes(result), report.ReturnedBytes);
        Assert.Equal(report.OriginalBytes, result["_truncated"]!["originalBytes"]!.GetValue<int>());
        Assert.Contains("Ask for less", result["_truncated"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_list_loses_its_last_items_and_says_how_many()
    {
        var items = new JsonArray([.. Enumerable.Range(0, 300).Select(i => (JsonNode)new JsonObject { ["name"] = $"checkout-{i:D4}", ["status"] = "Running 1/1 ready" })]);
        var result = new JsonObject { ["kind"] = "Pod", ["items"] = items, ["count"] = 300 };

        var report = ToolOutputLimiter.Limit(result, 4096, TruncationMode.KeepStart)!;

        var kept = result["items"]!.AsArray();
        Assert.Equal("checkout-0000", kept[0]!["name"]!.GetValue<string>());
        var cut = Assert.Single(report.Cuts);
        Assert.Equal("/items", cut.Path);
        Assert.Equal($"{300 - kept.Count} of 300 items", cut.Omitted);
        Assert.True(Bytes(result) <= 4096);
        Assert.Equal("Pod", result["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Strings_keep_their_start_by_default()
    {
        var result = new JsonObject { ["object"] = new JsonObject { ["annotation"] = new string('a', 6000) + "END" } };

        ToolOutputLimiter.Limit(result, 2048, TruncationMode.KeepStart);

        string kept = result["object"]!["annotation"]!.GetValue<string>();
        Assert.StartsWith("aaaa", kept, StringComparison.Ordinal);
        Assert.EndsWith("more characters]", kept, StringComparison.Ordinal);
        Assert.DoesNotContain("END", kept, StringComparison.Ordinal);
    }

    [Fact]
    public void Thousands_of_small_fields_fall_back_to_a_text_preview_that_says_so()
    {
        var result = new JsonObject();
        for (int i = 0; i < 3000; i++)
        {
            result["k" + i] = i;
        }

        var report = ToolOutputLimiter.Limit(result, 2048, TruncationMode.KeepStart)!;

        Assert.StartsWith("{\"k0\":0,\"k1\":1", result["preview"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, Assert.Single(report.Cuts).Path);
        Assert.True(Bytes(result) <= 2048);
    }

    [Fact]
    public void Multibyte_text_is_cut_without_breaking_a_character_and_stays_under_the_cap()
    {
        var result = new JsonObject { ["log"] = string.Concat(Enumerable.Repeat("로그 😀 줄\n", 2000)) };

        ToolOutputLimiter.Limit(result, 3000, TruncationMode.KeepEnd);

        string kept = result["log"]!.GetValue<string>();
        Assert.False(char.IsLowSurrogate(kept[kept.IndexOf('…', StringComparison.Ordinal) + 1]));
        Assert.True(Bytes(result) <= 3000);
    }
}
