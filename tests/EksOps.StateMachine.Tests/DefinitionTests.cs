namespace EksOps.StateMachine.Tests;

/// <summary>Loading a definition: substitutions, validation, and loud refusals of what this interpreter does not run.</summary>
public sealed class DefinitionTests
{
    private const string Task = """{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"End":true}""";

    private static StateMachineDefinitionException Refused(string json, IReadOnlyDictionary<string, string>? substitutions = null) =>
        Assert.Throws<StateMachineDefinitionException>(() => StateMachineDefinition.Parse(json, substitutions));

    [Fact]
    public void The_incident_definition_loads_with_its_substitutions()
    {
        var definition = StateMachineDefinition.Load(IncidentDefinition.Path, IncidentDefinition.Substitutions());

        Assert.Equal("Diagnose", definition.StartAt);
        Assert.Equal(["Investigate", "Remediate", "Approval", "Report"], definition.LambdaFunctionNames);
        Assert.Contains("RequestApproval", definition.StateNames);
        Assert.DoesNotContain("${", definition.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_substitution_is_named_and_the_file_is_named_too()
    {
        var substitutions = IncidentDefinition.Substitutions();
        substitutions.Remove("ApprovalFunctionArn");

        var error = Assert.Throws<StateMachineDefinitionException>(() => StateMachineDefinition.Load(IncidentDefinition.Path, substitutions));

        Assert.Contains("no value for ${ApprovalFunctionArn}", error.Message, StringComparison.Ordinal);
        Assert.StartsWith(IncidentDefinition.Path, error.Message, StringComparison.Ordinal);
        Assert.Equal("DefinitionSubstitutions", error.Field);
    }

    [Fact]
    public void An_unused_substitution_is_an_error()
    {
        var substitutions = IncidentDefinition.Substitutions();
        substitutions["ReportFunctonArn"] = "typo";

        var error = Refused(IncidentDefinition.Text, substitutions);

        Assert.Contains("ReportFunctonArn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Substitutions_apply_inside_strings_and_an_escaped_placeholder_stays_literal()
    {
        var definition = StateMachineDefinition.Parse(
            """{"StartAt":"S","States":{"S":{"Type":"Pass","Result":{"arn":"arn:aws:lambda:${Region}:1:function:${Name}","literal":"${!Kept}"},"End":true}}}""",
            new Dictionary<string, string> { ["Region"] = "eu-west-1", ["Name"] = "fn" });

        Assert.Contains("arn:aws:lambda:eu-west-1:1:function:fn", definition.Json, StringComparison.Ordinal);
        Assert.Contains("${Kept}", definition.Json, StringComparison.Ordinal);
    }

    public static TheoryData<string, string?, string?, string> Refusals => new()
    {
        { "not json", null, null, "not valid JSON" },
        { """{"StartAt":"S","States":{"S":{"Type":"Pass","End":true,"End":true}}}""", null, null, "not valid JSON" },
        { "[]", null, null, "JSON object" },
        { """{"States":{"S":{"Type":"Pass","End":true}}}""", null, "StartAt", "is required" },
        { """{"StartAt":"X","States":{"S":{"Type":"Pass","End":true}}}""", null, "StartAt", "'X', which is not a state" },
        { """{"StartAt":"S","States":{}}""", null, "States", "non-empty" },
        { """{"StartAt":"S","Extra":1,"States":{"S":{"Type":"Pass","End":true}}}""", null, "Extra", "is not a field here" },
        { """{"StartAt":"S","QueryLanguage":"JSONata","States":{"S":{"Type":"Pass","End":true}}}""", null, "QueryLanguage", "JSONata is not supported" },
        { """{"StartAt":"S","TimeoutSeconds":0,"States":{"S":{"Type":"Pass","End":true}}}""", null, "TimeoutSeconds", "integer from 1" },
        { Asl.OneState("""{"Type":"Pass","QueryLanguage":"JSONata","End":true}"""), "S", "QueryLanguage", "JSONata is not supported" },
        { Asl.OneState("""{"Type":"Pass","Output":"{% $states.input %}","End":true}"""), "S", "$.States.S.Output", "JSONata expression" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Arguments":{"FunctionName":"fn"},"End":true}"""), "S", "Arguments", "JSONata ('Arguments') is not supported" },
        { Asl.OneState("""{"Type":"Pass","Assign":{"x":1},"End":true}"""), "S", "Assign", "variables ('Assign') are not supported" },
        { Asl.OneState("""{"Type":"Pass","Parameters":{"x.$":"$myVar"},"End":true}"""), "S", "Parameters", "Variables ($name, Assign) are not supported" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Credentials":{"RoleArn":"r"},"End":true}"""), "S", "Credentials", "not supported" },
        { Asl.OneState("""{"Type":"Map","ItemProcessor":{},"End":true}"""), "S", "Type", "Map states are not supported" },
        { Asl.OneState("""{"Type":"Parallel","Branches":[],"End":true}"""), "S", "Type", "Parallel states are not supported" },
        { Asl.OneState("""{"Type":"Pass","ItemReader":{},"End":true}"""), "S", "ItemReader", "Map states (ItemReader) are not supported" },
        { Asl.OneState("""{"Type":"Nope","End":true}"""), "S", "Type", "is not a state type" },
        { Asl.OneState("""{"Type":"Pass","Colour":"red","End":true}"""), "S", "Colour", "is not a field here" },
        { Asl.OneState("""{"Type":"Pass"}"""), "S", "End", "exactly one of" },
        { Asl.OneState("""{"Type":"Pass","End":true,"Next":"S"}"""), "S", "Next", "exactly one of" },
        { Asl.OneState("""{"Type":"Pass","End":"yes"}"""), "S", "End", "true or false" },
        { Asl.OneState("""{"Type":"Succeed","Next":"S"}"""), "S", "Next", "is not a field here" },
        { Asl.Machine("""  "S":{"Type":"Pass","Next":"Gone"}  """), "S", null, "goes to 'Gone', which is not a state" },
        { Asl.Machine("""  "S":{"Type":"Pass","End":true},"Orphan":{"Type":"Pass","End":true}  """), "Orphan", null, "cannot be reached" },
        { Asl.Machine("""  "S":{"Type":"Pass","Next":"T"},"T":{"Type":"Pass","Next":"S"}  """), null, "States", "no terminal state" },
        { Asl.OneState("""{"Type":"Pass","InputPath":5,"End":true}"""), "S", "InputPath", "must be a path or null" },
        { Asl.OneState("""{"Type":"Pass","InputPath":"$$.Execution","End":true}"""), "S", "InputPath", "Context Object path" },
        { Asl.OneState("""{"Type":"Pass","ResultPath":"$.a[*]","End":true}"""), "S", "ResultPath", "not a Reference Path" },
        { Asl.OneState("""{"Type":"Pass","OutputPath":"$.items[?(@.x)]","End":true}"""), "S", "OutputPath", "filter" },
        { Asl.OneState("""{"Type":"Pass","Parameters":[1],"End":true}"""), "S", "Parameters", "payload template" },
        { Asl.OneState("""{"Type":"Pass","Parameters":{"x.$":"States.Nope()"},"End":true}"""), "S", "Parameters", "'States.Nope' is not an intrinsic function" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage","End":true}"""), "S", "Resource", "the sqs integration is not supported" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::aws-sdk:s3:getObject","End":true}"""), "S", "Resource", "the aws-sdk integration is not supported" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.sync","Parameters":{"FunctionName":"fn"},"End":true}"""), "S", "Resource", "only lambda:invoke and lambda:invoke.waitForTaskToken" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:us-east-1:123456789012:activity:approve","End":true}"""), "S", "Resource", "activities are not supported" },
        { Asl.OneState("""{"Type":"Task","Resource":"https://example.com","End":true}"""), "S", "Resource", "not a resource this interpreter supports" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","End":true}"""), "S", "Parameters", "needs Parameters with FunctionName" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"Payload":{}},"End":true}"""), "S", "Parameters", "needs FunctionName" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn","InvocationType":"Event"},"End":true}"""), "S", "Parameters.InvocationType", "only RequestResponse" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn","ClientContext":"e30="},"End":true}"""), "S", "Parameters.ClientContext", "not a lambda:invoke parameter this interpreter supports" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"HeartbeatSeconds":10,"End":true}"""), "S", "HeartbeatSeconds", "only on .waitForTaskToken" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"FunctionName":"fn"},"HeartbeatSeconds":10,"TimeoutSeconds":10,"End":true}"""), "S", "HeartbeatSeconds", "less than TimeoutSeconds" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"TimeoutSeconds":5,"TimeoutSecondsPath":"$.t","End":true}"""), "S", "TimeoutSecondsPath", "cannot both be set" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"TimeoutSeconds":1.5,"End":true}"""), "S", "TimeoutSeconds", "integer from 1" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Retry":{},"End":true}"""), "S", "Retry", "must be an array" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Retry":[{"ErrorEquals":[]}],"End":true}"""), "S", "Retry[0].ErrorEquals", "non-empty array" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Retry":[{"ErrorEquals":["States.ALL","X"]}],"End":true}"""), "S", "Retry[0].ErrorEquals", "States.ALL must appear alone" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Retry":[{"ErrorEquals":["States.ALL"]},{"ErrorEquals":["X"]}],"End":true}"""), "S", "Retry[0].ErrorEquals", "only in the last" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Retry":[{"ErrorEquals":["States.Made.Up"]}],"End":true}"""), "S", "Retry[0].ErrorEquals", "not a predefined error" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Retry":[{"ErrorEquals":["X"],"MaxAttempts":-1}],"End":true}"""), "S", "Retry[0].MaxAttempts", "integer from 0" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Retry":[{"ErrorEquals":["X"],"IntervalSeconds":0}],"End":true}"""), "S", "Retry[0].IntervalSeconds", "integer from 1" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Retry":[{"ErrorEquals":["X"],"BackoffRate":0.5}],"End":true}"""), "S", "Retry[0].BackoffRate", "at least 1.0" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Retry":[{"ErrorEquals":["X"],"MaxDelaySeconds":31622401}],"End":true}"""), "S", "Retry[0].MaxDelaySeconds", "integer from 1 to 31622400" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Retry":[{"ErrorEquals":["X"],"JitterStrategy":"HALF"}],"End":true}"""), "S", "Retry[0].JitterStrategy", "FULL or NONE" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Retry":[{"ErrorEquals":["X"],"Interval":1}],"End":true}"""), "S", "Retry[0].Interval", "is not a field here" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Catch":[{"ErrorEquals":["X"]}],"End":true}"""), "S", "Catch[0].Next", "is required" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Catch":[{"ErrorEquals":["X"],"Next":"Nowhere"}],"End":true}"""), "S", null, "goes to 'Nowhere'" },
        { Asl.OneState("""{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke","Parameters":{"FunctionName":"fn"},"Catch":[{"ErrorEquals":["X"],"Next":"S","Output":"{% 1 %}"}],"End":true}"""), "S", "$.States.S.Catch[0].Output", "JSONata" },
        { Asl.Choice("""{"Variable":"$.a","StringEquals":"x","NumericEquals":1,"Next":"Yes"}"""), "C", "Choices[0]", "exactly one operator" },
        { Asl.Choice("""{"StringEquals":"x","Next":"Yes"}"""), "C", "Choices[0].Variable", "needs Variable" },
        { Asl.Choice("""{"Variable":"$.a","StringEquals":1,"Next":"Yes"}"""), "C", "Choices[0].StringEquals", "must be a string" },
        { Asl.Choice("""{"Variable":"$.a","NumericEquals":"1","Next":"Yes"}"""), "C", "Choices[0].NumericEquals", "must be a number" },
        { Asl.Choice("""{"Variable":"$.a","TimestampEquals":"yesterday","Next":"Yes"}"""), "C", "Choices[0].TimestampEquals", "RFC 3339" },
        { Asl.Choice("""{"Variable":"$.a","IsNull":"yes","Next":"Yes"}"""), "C", "Choices[0].IsNull", "true or false" },
        { Asl.Choice("""{"Variable":"$.a","StringMatchesPath":"$.b","Next":"Yes"}"""), "C", "Choices[0].StringMatchesPath", "is not a Choice operator" },
        { Asl.Choice("""{"Variable":"$.a","StringEqualsPath":5,"Next":"Yes"}"""), "C", "Choices[0].StringEqualsPath", "must be a path" },
        { Asl.Choice("""{"Variable":"$.a","Resembles":"x","Next":"Yes"}"""), "C", "Choices[0].Resembles", "is not a Choice operator" },
        { Asl.Choice("""{"Condition":"{% true %}","Next":"Yes"}"""), "C", "$.States.C.Choices[0].Condition", "JSONata" },
        { Asl.Choice("""{"And":[{"Variable":"$.a","IsNull":true,"Next":"Yes"}],"Next":"Yes"}"""), "C", "Choices[0].And[0].Next", "only top-level" },
        { Asl.Choice("""{"And":[],"Next":"Yes"}"""), "C", "Choices[0].And", "non-empty array" },
        { Asl.Choice("""{"Not":[],"Next":"Yes"}"""), "C", "Choices[0].Not", "must be one rule" },
        { Asl.Choice("""{"Variable":"$.a","IsNull":true}"""), "C", "Choices[0].Next", "needs Next" },
        { Asl.Machine("""  "C":{"Type":"Choice","Choices":[],"Default":"S"},"S":{"Type":"Succeed"}  """, "C"), "C", "Choices", "non-empty array" },
        { Asl.OneState("""{"Type":"Wait","Seconds":1,"SecondsPath":"$.s","End":true}"""), "S", "SecondsPath", "exactly one of" },
        { Asl.OneState("""{"Type":"Wait","End":true}"""), "S", null, "exactly one of" },
        { Asl.OneState("""{"Type":"Wait","Seconds":-1,"End":true}"""), "S", "Seconds", "integer from 0" },
        { Asl.OneState("""{"Type":"Wait","Timestamp":"2026-01-01 00:00:00","End":true}"""), "S", "Timestamp", "RFC 3339" },
        { Asl.OneState("""{"Type":"Fail","Error":"E","ErrorPath":"$.e"}"""), "S", "ErrorPath", "cannot both be set" },
        { Asl.OneState("""{"Type":"Fail","CausePath":"cause"}"""), "S", "CausePath", "neither a path" },
        { Asl.OneState("""{"Type":"Fail","Error":5}"""), "S", "Error", "must be a string" },
        { Asl.Machine($$""" "{{new string('s', 81)}}":{"Type":"Succeed"} """, new string('s', 81)), new string('s', 81), null, "1 to 80 characters" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public void Definitions_that_cannot_run_here_are_refused_naming_the_state_and_field(string json, string? state, string? field, string reason)
    {
        var error = Refused(json);

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(state, error.StateName);
        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void Every_supported_feature_loads()
    {
        var definition = StateMachineDefinition.Parse("""
            {"Comment":"all of it","Version":"1.0","QueryLanguage":"JSONPath","TimeoutSeconds":3600,"StartAt":"P","States":{
              "P":{"Type":"Pass","Comment":"c","QueryLanguage":"JSONPath","InputPath":null,"OutputPath":"$","Parameters":{"a.$":"States.UUID()"},"ResultPath":"$.p","Next":"T"},
              "T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke.waitForTaskToken","Parameters":{"FunctionName.$":"$.f","Payload.$":"$","Qualifier":"1"},
                   "ResultSelector":{"r.$":"$"},"ResultPath":null,"TimeoutSecondsPath":"$.t","HeartbeatSecondsPath":"$.h",
                   "Retry":[{"ErrorEquals":["States.Timeout","Custom"],"IntervalSeconds":1,"MaxAttempts":0,"BackoffRate":1.0,"MaxDelaySeconds":5,"JitterStrategy":"NONE","Comment":"r"},
                            {"ErrorEquals":["States.ALL"]}],
                   "Catch":[{"ErrorEquals":["States.TaskFailed"],"ResultPath":"$.e","Next":"C","Comment":"c"}],"Next":"L"},
              "L":{"Type":"Task","Resource":"arn:aws:lambda:us-east-1:123456789012:function:legacy","TimeoutSeconds":10,"Next":"C"},
              "C":{"Type":"Choice","Choices":[{"Not":{"Variable":"$.x","IsPresent":true},"Next":"W","Comment":"c"}],"Default":"W2"},
              "W":{"Type":"Wait","SecondsPath":"$.s","Next":"W2"},
              "W2":{"Type":"Wait","Timestamp":"2026-01-01T00:00:00Z","Next":"F"},
              "F":{"Type":"Fail","ErrorPath":"States.Format('{}', $.e)","CausePath":"$$.Execution.Name"}}}
            """);

        Assert.Equal(["P", "T", "L", "C", "W", "W2", "F"], definition.StateNames);
        Assert.Equal(3600, definition.TimeoutSeconds);
        Assert.Equal(["arn:aws:lambda:us-east-1:123456789012:function:legacy"], definition.LambdaFunctionNames);
    }

    [Fact]
    public void A_single_task_definition_loads()
    {
        Assert.Equal(["fn"], StateMachineDefinition.Parse(Asl.OneState(Task)).LambdaFunctionNames);
    }
}
