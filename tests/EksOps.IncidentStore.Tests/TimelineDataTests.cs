using System.Text;
using System.Text.Json.Nodes;

namespace EksOps.IncidentStore.Tests;

public sealed class TimelineDataTests
{
    private static int Bytes(JsonNode node) => Encoding.UTF8.GetByteCount(node.ToJsonString());

    [Fact]
    public void Data_within_the_limit_is_returned_as_it_is()
    {
        var data = new JsonObject { ["a"] = 1 };

        Assert.Same(data, TimelineData.Bound(data, 8_192));
        Assert.False(TimelineData.IsTruncated(data));
    }

    [Fact]
    public void Nested_objects_and_arrays_are_cut_inside_and_the_marker_lists_what_was_cut_and_dropped()
    {
        var evidence = new JsonArray();
        for (var i = 0; i < 200; i++)
        {
            evidence.Add(new JsonObject { ["id"] = "E" + i, ["text"] = new string('e', 100) });
        }

        var data = new JsonObject
        {
            ["rootCause"] = "oom-killed",
            ["diagnosis"] = new JsonObject { ["subject"] = "Deployment/shop/checkout", ["evidence"] = evidence },
            ["tail"] = new JsonArray(new JsonArray(1, 2)),
        };

        var bounded = TimelineData.Bound(data, 8_192);

        Assert.True(Bytes(bounded) <= 8_192);
        Assert.Equal("oom-killed", bounded["rootCause"]!.GetValue<string>());
        Assert.Equal("Deployment/shop/checkout", bounded["diagnosis"]!["subject"]!.GetValue<string>());
        var kept = bounded["diagnosis"]!["evidence"]!.AsArray();
        Assert.InRange(kept.Count, 10, 199);
        Assert.Equal("E0", kept[0]!["id"]!.GetValue<string>());
        var marker = bounded[TimelineData.TruncationMarker]!;
        Assert.Contains("$.diagnosis", marker["cut"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Contains("$.diagnosis.evidence", marker["cut"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(Bytes(data), marker["originalBytes"]!.GetValue<int>());
        Assert.Equal(8_192, marker["limitBytes"]!.GetValue<int>());
        Assert.Equal(200, data["diagnosis"]!["evidence"]!.AsArray().Count);
    }

    [Fact]
    public void A_number_that_does_not_fit_is_dropped_and_named()
    {
        var data = new JsonObject { ["big"] = new string('x', 9_000), ["n"] = 42 };

        var bounded = TimelineData.Bound(data, 4_096);

        Assert.True(Bytes(bounded) <= 4_096);
        Assert.Null(bounded["n"]);
        Assert.Equal(["$.n"], bounded[TimelineData.TruncationMarker]!["dropped"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public void Strings_that_escape_to_many_bytes_are_cut_by_their_escaped_size_without_splitting_surrogates()
    {
        var data = new JsonObject { ["quotes"] = string.Concat(Enumerable.Repeat("\"\\\u0001😀", 5_000)) };

        var bounded = TimelineData.Bound(data, 4_096);

        Assert.True(Bytes(bounded) <= 4_096);
        var text = bounded["quotes"]!.GetValue<string>();
        Assert.EndsWith(TimelineData.CutSuffix, text, StringComparison.Ordinal);
        var kept = text[..^TimelineData.CutSuffix.Length];
        Assert.False(kept.Length > 0 && char.IsHighSurrogate(kept[^1]));
    }

    [Fact]
    public void The_marker_stays_small_when_thousands_of_members_are_dropped()
    {
        var data = new JsonObject();
        for (var i = 0; i < 3_000; i++)
        {
            data["member" + i] = i;
        }

        var bounded = TimelineData.Bound(data, 4_096);

        Assert.True(Bytes(bounded) <= 4_096);
        var dropped = bounded[TimelineData.TruncationMarker]!["dropped"]!.AsArray();
        Assert.Equal(33, dropped.Count);
        Assert.StartsWith("… and ", dropped[^1]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_limit_below_the_markers_room_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TimelineData.Bound(new JsonObject(), 1_000));
    }
}
