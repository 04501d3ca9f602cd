using EksOps.StateMachine.Intrinsics;
using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Tests;

public sealed class IntrinsicFunctionTests
{
    private const string Input = """
        {"name":"Arnav","template":"Hello, my name is {}.","json":"{\"foo\":\"bar\"}","obj":{"foo":"bar","n":[1,2]},
         "numbers":[1,2,3,4,5,6,7,8,9],"dupes":[1,2,2,"a","a",{"k":1},{"k":1},1.0],"index":5,"text":"Data to encode",
         "b64":"RGF0YSB0byBlbmNvZGU=","json1":{"a":{"a1":1},"b":2},"json2":{"a":{"a3":1},"c":3},"csv":"This.is+a,test=string","seps":".+,="}
        """;

    private static readonly JsonObject Context = new() { ["Execution"] = new JsonObject { ["Name"] = "run-7" } };

    private static JsonNode? Evaluate(string call, double random = 0.5) =>
        IntrinsicEvaluator.Evaluate(IntrinsicParser.Parse(call), new EvaluationScope(JsonNode.Parse(Input), Context, new RandomSource(new FixedRandom(random))));

    [Theory]
    [InlineData("States.Format('Hello, my name is {}.', $.name)", "\"Hello, my name is Arnav.\"")]
    [InlineData("States.Format($.template, $.name)", "\"Hello, my name is Arnav.\"")]
    [InlineData("States.Format('{} {} {} {}', 1.5, true, null, $.obj)", "\"1.5 true null {foo=bar, n=[1, 2]}\"")]
    [InlineData("States.Format('literal \\{\\} and \\'quotes\\' and \\\\ and {}', $$.Execution.Name)", "\"literal {} and 'quotes' and \\\\ and run-7\"")]
    [InlineData("States.StringToJson($.json)", """{"foo":"bar"}""")]
    [InlineData("States.StringToJson('  ')", "null")]
    [InlineData("States.JsonToString($.obj)", "\"{\\\"foo\\\":\\\"bar\\\",\\\"n\\\":[1,2]}\"")]
    [InlineData("States.JsonToString('<a & b>')", "\"\\\"<a & b>\\\"\"")]
    [InlineData("States.Array($.name, 1, true, null, States.Array())", """["Arnav",1,true,null,[]]""")]
    [InlineData("States.ArrayPartition($.numbers, 4)", "[[1,2,3,4],[5,6,7,8],[9]]")]
    [InlineData("States.ArrayContains($.numbers, 5)", "true")]
    [InlineData("States.ArrayContains($.numbers, 10)", "false")]
    [InlineData("States.ArrayContains($.dupes, $.obj)", "false")]
    [InlineData("States.ArrayRange(1, 9, 2)", "[1,3,5,7,9]")]
    [InlineData("States.ArrayRange(5, 1, 1)", "[]")]
    [InlineData("States.ArrayGetItem($.numbers, $.index)", "6")]
    [InlineData("States.ArrayLength($.numbers)", "9")]
    [InlineData("States.ArrayUnique($.dupes)", """[1,2,"a",{"k":1}]""")]
    [InlineData("States.Base64Encode($.text)", "\"RGF0YSB0byBlbmNvZGU=\"")]
    [InlineData("States.Base64Decode($.b64)", "\"Data to encode\"")]
    [InlineData("States.Hash('input data', 'MD5')", "\"812f45842bc6d66ee14572ce20db8e86\"")]
    [InlineData("States.Hash('input data', 'SHA-1')", "\"aaff4a450a104cd177d28d18d74485e8cae074b7\"")]
    [InlineData("States.Hash('input data', 'SHA-256')", "\"b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3\"")]
    [InlineData("States.JsonMerge($.json1, $.json2, false)", """{"a":{"a3":1},"b":2,"c":3}""")]
    [InlineData("States.MathAdd(111, -1)", "110")]
    [InlineData("States.MathAdd(1.5, 2.5)", "5")]
    [InlineData("States.MathAdd(-1.5, 0)", "-1")]
    [InlineData("States.StringSplit($.csv, $.seps)", """["This","is","a","test","string"]""")]
    [InlineData("States.StringSplit('1,2,,3', ',')", """["1","2","3"]""")]
    [InlineData("States.ArrayGetItem(States.StringSplit(States.Format('{}/{}', 'a', 'b'), '/'), 1)", "\"b\"")]
    public void Each_intrinsic_computes_what_Step_Functions_documents(string call, string expected) =>
        JsonValuesForTests.Equal(expected, JsonValuesForTests.Compact(Evaluate(call)));

    [Fact]
    public void Hash_SHA384_and_SHA512_are_lower_case_hex()
    {
        Assert.Equal(96, Evaluate("States.Hash('x', 'SHA-384')")!.GetValue<string>().Length);
        Assert.Matches("^[0-9a-f]{128}$", Evaluate("States.Hash('x', 'SHA-512')")!.GetValue<string>());
    }

    [Fact]
    public void MathRandom_draws_within_the_range_from_the_injected_source_or_the_seed()
    {
        Assert.Equal(1, Evaluate("States.MathRandom(1, 999)", random: 0.0)!.GetValue<long>());
        Assert.Equal(500, Evaluate("States.MathRandom(1, 999)", random: 0.5)!.GetValue<long>());
        var seeded = Evaluate("States.MathRandom(1, 999, 42)")!.GetValue<long>();
        Assert.InRange(seeded, 1, 999);
        Assert.Equal(seeded, Evaluate("States.MathRandom(1, 999, 42)", random: 0.9)!.GetValue<long>());
    }

    [Fact]
    public void UUID_is_a_fresh_version_4_uuid()
    {
        var first = Evaluate("States.UUID()")!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", first);
        Assert.NotEqual(first, Evaluate("States.UUID()")!.GetValue<string>());
    }

    [Theory]
    [InlineData("States.Format('{} {}', 1)", "more {} placeholders")]
    [InlineData("States.Format('{}', 1, 2)", "1 {} placeholder(s) but 2 value(s)")]
    [InlineData("States.Format($.numbers)", "needs a string as its first argument")]
    [InlineData("States.StringToJson('{not json')", "not JSON")]
    [InlineData("States.StringToJson($.numbers)", "needs a string as argument 1")]
    [InlineData("States.ArrayPartition($.numbers, 0)", "positive chunk size")]
    [InlineData("States.ArrayPartition($.name, 2)", "needs an array as argument 1")]
    [InlineData("States.ArrayRange(1, 3000, 1)", "limited to 1000")]
    [InlineData("States.ArrayRange(1, 5, 0)", "positive step")]
    [InlineData("States.ArrayRange(1, 5.5, 1)", "needs an integer as argument 2, not 5.5")]
    [InlineData("States.ArrayGetItem($.numbers, 9)", "outside the array")]
    [InlineData("States.Base64Decode('***')", "not Base64")]
    [InlineData("States.Hash('x', 'SHA-3')", "does not know the algorithm")]
    [InlineData("States.JsonMerge($.json1, $.numbers, false)", "merges two objects")]
    [InlineData("States.JsonMerge($.json1, $.json2, true)", "deep merge")]
    [InlineData("States.MathAdd(2147483647, 1)", "32-bit")]
    [InlineData("States.MathAdd('1', 1)", "needs a number")]
    [InlineData("States.MathRandom(10, 1)", "at most end")]
    [InlineData("States.StringSplit(1, ',')", "needs a string")]
    public void Bad_arguments_are_an_IntrinsicFailure_saying_which(string call, string reason)
    {
        var error = Assert.Throws<StatesErrorException>(() => Evaluate(call));
        Assert.Equal("States.IntrinsicFailure", error.Error);
        Assert.Contains(reason, error.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Strings_over_10000_characters_are_refused()
    {
        var scope = new EvaluationScope(new JsonObject { ["big"] = new string('x', 10_001) }, null, new RandomSource(new FixedRandom(0)));
        var error = Assert.Throws<StatesErrorException>(() => IntrinsicEvaluator.Evaluate(IntrinsicParser.Parse("States.Base64Encode($.big)"), scope));
        Assert.Contains("at most 10000 characters", error.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void A_path_argument_that_matches_nothing_is_a_ParameterPathFailure()
    {
        var error = Assert.Throws<StatesErrorException>(() => Evaluate("States.Format('{}', $.nope)"));
        Assert.Equal("States.ParameterPathFailure", error.Error);
    }

    [Theory]
    [InlineData("States.Unknown(1)", "not an intrinsic function")]
    [InlineData("States.ArrayLength()", "takes 1 argument(s), not 0")]
    [InlineData("States.UUID(1)", "takes 0 argument(s), not 1")]
    [InlineData("States.MathRandom(1)", "takes 2 to 3 argument(s)")]
    [InlineData("States.Format('open \\x escape')", "open escape")]
    [InlineData("States.Format('unclosed)", "not closed")]
    [InlineData("States.Format('a' 'b')", "expected ')'")]
    [InlineData("States.Array(bare)", "is not an argument")]
    [InlineData("States.Array(1) trailing", "unexpected")]
    [InlineData(
        "States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array(States.Array())))))))))))",
        "nest at most 10")]
    public void Malformed_calls_are_rejected_when_parsed(string call, string reason)
    {
        var error = Assert.Throws<FormatException>(() => IntrinsicParser.Parse(call));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_JSONPath_intrinsic_of_the_reference_is_implemented()
    {
        string[] documented =
        [
            "States.Format", "States.StringToJson", "States.JsonToString", "States.Array", "States.ArrayPartition", "States.ArrayContains",
            "States.ArrayRange", "States.ArrayGetItem", "States.ArrayLength", "States.ArrayUnique", "States.Base64Encode", "States.Base64Decode",
            "States.Hash", "States.JsonMerge", "States.MathRandom", "States.MathAdd", "States.StringSplit", "States.UUID",
        ];
        Assert.Equal(documented.Order(), IntrinsicParser.FunctionNames.Order());
    }
}
