using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EksOps.StateMachine.Definition.States;
using EksOps.StateMachine.Execution;
using EksOps.StateMachine.Json;
using EksOps.StateMachine.Paths;

namespace EksOps.StateMachine.Definition;

/// <summary>
/// Reads and validates a definition (JSONPath query language) into the state models the executor runs. Everything is
/// checked here, before an execution starts: field names and types, paths, payload templates and intrinsic calls,
/// transitions, Retry/Catch, and every feature this interpreter does not support, which is reported by name.
/// </summary>
internal static partial class DefinitionReader
{
    /// <summary>The longest wait or timeout a definition may give (ASL: 99,999,999 seconds).</summary>
    public const long MaxSeconds = 99_999_999;

    private const int MaxStateNameLength = 80;

    private static readonly string[] CommonFields = ["Type", "Comment", "Next", "End", "InputPath", "OutputPath", "QueryLanguage"];

    private static readonly Dictionary<string, HashSet<string>> AllowedFields = new(StringComparer.Ordinal)
    {
        ["Task"] = Fields(CommonFields, "Resource", "Parameters", "ResultSelector", "ResultPath", "TimeoutSeconds", "TimeoutSecondsPath",
            "HeartbeatSeconds", "HeartbeatSecondsPath", "Retry", "Catch"),
        ["Pass"] = Fields(CommonFields, "Result", "ResultPath", "Parameters"),
        ["Choice"] = Fields(["Type", "Comment", "InputPath", "OutputPath", "QueryLanguage"], "Choices", "Default"),
        ["Wait"] = Fields(CommonFields, "Seconds", "Timestamp", "SecondsPath", "TimestampPath"),
        ["Succeed"] = Fields(["Type", "Comment", "InputPath", "OutputPath", "QueryLanguage"]),
        ["Fail"] = Fields(["Type", "Comment", "QueryLanguage"], "Error", "ErrorPath", "Cause", "CausePath"),
    };

    /// <summary>Fields that exist in ASL but that this interpreter does not run, with the reason it gives.</summary>
    private static readonly Dictionary<string, string> UnsupportedFields = new(StringComparer.Ordinal)
    {
        ["Arguments"] = "JSONata ('Arguments') is not supported by this interpreter; use Parameters (JSONPath)",
        ["Output"] = "JSONata ('Output') is not supported by this interpreter; use ResultSelector/ResultPath/OutputPath (JSONPath)",
        ["Assign"] = "workflow variables ('Assign') are not supported by this interpreter",
        ["Credentials"] = "cross-account 'Credentials' are not supported by this interpreter",
        ["Condition"] = "JSONata ('Condition') is not supported by this interpreter; use JSONPath comparison operators",
        ["Items"] = "JSONata ('Items') is not supported by this interpreter",
        ["ItemsPath"] = "Map states are not supported by this interpreter",
        ["ItemProcessor"] = "Map states are not supported by this interpreter",
        ["Iterator"] = "Map states are not supported by this interpreter",
        ["ItemReader"] = "Map states (ItemReader) are not supported by this interpreter",
        ["ItemSelector"] = "Map states are not supported by this interpreter",
        ["ItemBatcher"] = "Map states are not supported by this interpreter",
        ["ResultWriter"] = "Map states are not supported by this interpreter",
        ["Branches"] = "Parallel states are not supported by this interpreter",
    };

    private static readonly string[] WaitFields = ["Seconds", "Timestamp", "SecondsPath", "TimestampPath"];

    private static readonly HashSet<string> RetrierFields = Fields(["ErrorEquals", "IntervalSeconds", "MaxAttempts", "BackoffRate", "MaxDelaySeconds", "JitterStrategy", "Comment"]);
    private static readonly HashSet<string> CatcherFields = Fields(["ErrorEquals", "Next", "ResultPath", "Comment"]);
    private static readonly HashSet<string> LambdaParameters = Fields(["FunctionName", "Payload", "Qualifier", "InvocationType", "LogType"]);

    /// <summary>Reads a definition whose substitutions are already applied.</summary>
    /// <param name="root">The parsed definition.</param>
    /// <returns>The definition's states and top-level fields.</returns>
    /// <exception cref="StateMachineDefinitionException">Anything that is not valid or not supported; the message names the state and field.</exception>
    public static (string StartAt, string? Comment, int? TimeoutSeconds, IReadOnlyDictionary<string, StateDefinition> States) Read(JsonNode? root)
    {
        if (root is not JsonObject top)
        {
            throw new StateMachineDefinitionException(null, null, $"A definition is a JSON object, not {JsonValues.TypeName(root)}.");
        }

        RejectJsonata(top, "$");
        CheckFields(null, null, top, Fields(["Comment", "StartAt", "States", "TimeoutSeconds", "Version", "QueryLanguage"]));
        CheckQueryLanguage(null, top);
        var startAt = RequiredString(null, top, "StartAt");
        var comment = OptionalString(null, top, "Comment");
        OptionalString(null, top, "Version");
        var timeout = OptionalSeconds(null, top, "TimeoutSeconds", minimum: 1);
        if (!top.TryGetPropertyValue("States", out var statesNode) || statesNode is not JsonObject statesObject || statesObject.Count == 0)
        {
            throw new StateMachineDefinitionException(null, "States", "must be a non-empty object of states.");
        }

        var states = new Dictionary<string, StateDefinition>(StringComparer.Ordinal);
        foreach (var (name, value) in statesObject)
        {
            if (name.Length is 0 or > MaxStateNameLength)
            {
                throw new StateMachineDefinitionException(name, null, $"a state name has 1 to {MaxStateNameLength} characters.");
            }

            if (value is not JsonObject state)
            {
                throw new StateMachineDefinitionException(name, null, $"a state is a JSON object, not {JsonValues.TypeName(value)}.");
            }

            states[name] = ReadState(name, state);
        }

        if (!states.ContainsKey(startAt))
        {
            throw new StateMachineDefinitionException(null, "StartAt", $"names '{startAt}', which is not a state.");
        }

        CheckTransitions(states, startAt);
        return (startAt, comment, timeout is null ? null : (int)timeout.Value, states);
    }

    private static void CheckTransitions(Dictionary<string, StateDefinition> states, string startAt)
    {
        foreach (var state in states.Values)
        {
            foreach (var target in state.Transitions)
            {
                if (!states.ContainsKey(target))
                {
                    throw new StateMachineDefinitionException(state.Name, null, $"goes to '{target}', which is not a state.");
                }
            }
        }

        var reached = new HashSet<string>(StringComparer.Ordinal) { startAt };
        var queue = new Queue<string>([startAt]);
        while (queue.TryDequeue(out var name))
        {
            foreach (var target in states[name].Transitions)
            {
                if (reached.Add(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        var unreachable = states.Keys.Where(name => !reached.Contains(name)).ToList();
        if (unreachable.Count > 0)
        {
            throw new StateMachineDefinitionException(unreachable[0], null, $"cannot be reached from StartAt '{startAt}' (unreachable: {string.Join(", ", unreachable)}).");
        }

        if (!states.Values.Any(s => s is SucceedState or FailState || (s is not ChoiceState && s.Next is null)))
        {
            throw new StateMachineDefinitionException(null, "States", "has no terminal state (End: true, Succeed or Fail).");
        }
    }

    private static StateDefinition ReadState(string name, JsonObject state)
    {
        var type = RequiredString(name, state, "Type");
        if (type is "Map" or "Parallel")
        {
            throw new StateMachineDefinitionException(name, "Type", $"{type} states are not supported by this interpreter.");
        }

        if (!AllowedFields.TryGetValue(type, out var allowed))
        {
            throw new StateMachineDefinitionException(name, "Type", $"'{type}' is not a state type (Task, Pass, Choice, Wait, Succeed, Fail).");
        }

        CheckFields(name, null, state, allowed);
        CheckQueryLanguage(name, state);
        var next = OptionalString(name, state, "Next");
        var end = state.TryGetPropertyValue("End", out var endNode) ? Boolean(name, "End", endNode) : (bool?)null;
        if (type is "Task" or "Pass" or "Wait" && (next is not null) == (end is true))
        {
            throw new StateMachineDefinitionException(name, next is null ? "End" : "Next", "a Task, Pass or Wait state has exactly one of \"Next\" and \"End\": true.");
        }

        OptionalString(name, state, "Comment");
        var inputPath = ReadDataPath(name, state, "InputPath");
        var outputPath = ReadDataPath(name, state, "OutputPath");
        return type switch
        {
            "Task" => ReadTask(name, state, next, inputPath, outputPath),
            "Pass" => new PassState
            {
                Name = name,
                Next = next,
                InputPath = inputPath,
                OutputPath = outputPath,
                Parameters = ReadTemplate(name, state, "Parameters"),
                HasResult = state.ContainsKey("Result"),
                Result = state.TryGetPropertyValue("Result", out var result) ? JsonValues.Clone(result) : null,
                ResultPath = ReadResultPath(name, state, "ResultPath"),
            },
            "Choice" => ReadChoice(name, state, inputPath, outputPath),
            "Wait" => ReadWait(name, state, next, inputPath, outputPath),
            "Succeed" => new SucceedState { Name = name, InputPath = inputPath, OutputPath = outputPath },
            _ => ReadFail(name, state),
        };
    }

    private static TaskState ReadTask(string name, JsonObject state, string? next, DataPath inputPath, DataPath outputPath)
    {
        var resource = RequiredString(name, state, "Resource");
        var kind = ResourceKind(name, resource);
        var parameters = state.TryGetPropertyValue("Parameters", out var parametersNode) ? parametersNode : null;
        string? functionName = null;
        if (kind == TaskResourceKind.LambdaFunctionArn)
        {
            functionName = resource;
        }
        else
        {
            functionName = CheckLambdaParameters(name, parameters);
        }

        var timeout = OptionalSeconds(name, state, "TimeoutSeconds", minimum: 1);
        var timeoutPath = OptionalPath(name, state, "TimeoutSecondsPath");
        var heartbeat = OptionalSeconds(name, state, "HeartbeatSeconds", minimum: 1);
        var heartbeatPath = OptionalPath(name, state, "HeartbeatSecondsPath");
        if (timeout is not null && timeoutPath is not null)
        {
            throw new StateMachineDefinitionException(name, "TimeoutSecondsPath", "TimeoutSeconds and TimeoutSecondsPath cannot both be set.");
        }

        if (heartbeat is not null && heartbeatPath is not null)
        {
            throw new StateMachineDefinitionException(name, "HeartbeatSecondsPath", "HeartbeatSeconds and HeartbeatSecondsPath cannot both be set.");
        }

        if ((heartbeat is not null || heartbeatPath is not null) && kind != TaskResourceKind.LambdaInvokeWaitForTaskToken)
        {
            throw new StateMachineDefinitionException(
                name,
                heartbeat is not null ? "HeartbeatSeconds" : "HeartbeatSecondsPath",
                "heartbeats are supported only on .waitForTaskToken tasks here (a plain Lambda invocation cannot send one).");
        }

        if (heartbeat is not null && timeout is not null && heartbeat >= timeout)
        {
            throw new StateMachineDefinitionException(name, "HeartbeatSeconds", $"must be less than TimeoutSeconds ({timeout}).");
        }

        var retry = ReadRetry(name, state);
        var catchers = ReadCatch(name, state);
        return new TaskState
        {
            Name = name,
            Next = next,
            InputPath = inputPath,
            OutputPath = outputPath,
            Resource = resource,
            ResourceKind = kind,
            Parameters = ReadTemplate(name, state, "Parameters"),
            ResultSelector = ReadTemplate(name, state, "ResultSelector"),
            ResultPath = ReadResultPath(name, state, "ResultPath"),
            TimeoutSeconds = timeout is null ? null : (int)timeout.Value,
            TimeoutSecondsPath = timeoutPath,
            HeartbeatSeconds = heartbeat is null ? null : (int)heartbeat.Value,
            HeartbeatSecondsPath = heartbeatPath,
            Retry = retry,
            Catch = catchers,
            StaticFunctionName = functionName,
        };
    }

    private static TaskResourceKind ResourceKind(string name, string resource)
    {
        if (resource.Contains(":activity:", StringComparison.Ordinal))
        {
            throw new StateMachineDefinitionException(name, "Resource", $"'{resource}': activities are not supported by this interpreter.");
        }

        var optimized = OptimizedResource().Match(resource);
        if (optimized.Success)
        {
            var service = optimized.Groups["service"].Value;
            var action = optimized.Groups["action"].Value;
            return (service, action) switch
            {
                ("lambda", "invoke") => TaskResourceKind.LambdaInvoke,
                ("lambda", "invoke.waitForTaskToken") => TaskResourceKind.LambdaInvokeWaitForTaskToken,
                ("lambda", _) => throw new StateMachineDefinitionException(
                    name, "Resource", $"'{resource}': only lambda:invoke and lambda:invoke.waitForTaskToken are supported by this interpreter."),
                _ => throw new StateMachineDefinitionException(
                    name, "Resource", $"'{resource}': the {service} integration is not supported by this interpreter (only Lambda)."),
            };
        }

        if (FunctionArn().IsMatch(resource))
        {
            return TaskResourceKind.LambdaFunctionArn;
        }

        throw new StateMachineDefinitionException(
            name, "Resource", $"'{resource}' is not a resource this interpreter supports (arn:aws:states:::lambda:invoke, arn:aws:states:::lambda:invoke.waitForTaskToken, or a Lambda function ARN).");
    }

    /// <summary>Checks the Invoke parameters of an optimized Lambda task; returns the static function name, if any.</summary>
    private static string? CheckLambdaParameters(string name, JsonNode? parameters)
    {
        if (parameters is not JsonObject members)
        {
            throw new StateMachineDefinitionException(name, "Parameters", "a lambda:invoke task needs Parameters with FunctionName.");
        }

        foreach (var (key, value) in members)
        {
            var field = key.EndsWith(".$", StringComparison.Ordinal) ? key[..^2] : key;
            if (!LambdaParameters.Contains(field))
            {
                throw new StateMachineDefinitionException(
                    name, "Parameters." + key, $"is not a lambda:invoke parameter this interpreter supports ({string.Join(", ", LambdaParameters)}).");
            }

            if (field == key && field is "InvocationType" && !(JsonValues.TryGetString(value, out var invocationType) && invocationType == "RequestResponse"))
            {
                throw new StateMachineDefinitionException(name, "Parameters.InvocationType", "only RequestResponse is supported by this interpreter (Event and DryRun are not).");
            }

            if (field == key && field is "LogType" && !(JsonValues.TryGetString(value, out var logType) && logType == "None"))
            {
                throw new StateMachineDefinitionException(name, "Parameters.LogType", "only None is supported by this interpreter (Tail is not).");
            }
        }

        if (members.TryGetPropertyValue("FunctionName", out var functionName))
        {
            return JsonValues.TryGetString(functionName, out var text) && text.Length > 0
                ? text
                : throw new StateMachineDefinitionException(name, "Parameters.FunctionName", "must be a non-empty string.");
        }

        return members.ContainsKey("FunctionName.$")
            ? null
            : throw new StateMachineDefinitionException(name, "Parameters", "a lambda:invoke task needs FunctionName.");
    }

    private static ChoiceState ReadChoice(string name, JsonObject state, DataPath inputPath, DataPath outputPath)
    {
        if (!state.TryGetPropertyValue("Choices", out var choicesNode) || choicesNode is not JsonArray choices || choices.Count == 0)
        {
            throw new StateMachineDefinitionException(name, "Choices", "must be a non-empty array of rules.");
        }

        var rules = new List<(ChoiceRule, string)>();
        for (var i = 0; i < choices.Count; i++)
        {
            var where = $"Choices[{i}]";
            if (choices[i] is not JsonObject rule)
            {
                throw new StateMachineDefinitionException(name, where, "a rule is a JSON object.");
            }

            var next = rule.TryGetPropertyValue("Next", out var nextNode) && JsonValues.TryGetString(nextNode, out var target)
                ? target
                : throw new StateMachineDefinitionException(name, where + ".Next", "a top-level Choice rule needs Next (a state name).");
            rules.Add((ReadRule(name, where, rule, topLevel: true), next));
        }

        return new ChoiceState
        {
            Name = name,
            InputPath = inputPath,
            OutputPath = outputPath,
            Choices = rules,
            Default = OptionalString(name, state, "Default"),
        };
    }

    private static ChoiceRule ReadRule(string name, string where, JsonObject rule, bool topLevel)
    {
        foreach (var (key, _) in rule)
        {
            if (UnsupportedFields.TryGetValue(key, out var reason))
            {
                throw new StateMachineDefinitionException(name, where + "." + key, reason + ".");
            }
        }

        if (!topLevel && rule.ContainsKey("Next"))
        {
            throw new StateMachineDefinitionException(name, where + ".Next", "only top-level Choice rules have Next.");
        }

        var operators = rule.Select(p => p.Key).Where(k => k is not ("Next" or "Comment" or "Variable")).ToList();
        if (operators.Count != 1)
        {
            throw new StateMachineDefinitionException(
                name, where, $"a rule has exactly one operator (a comparison, And, Or or Not); found {(operators.Count == 0 ? "none" : string.Join(", ", operators))}.");
        }

        OptionalString(name, rule, "Comment", where + ".");
        var op = operators[0];
        var operand = rule[op];
        if (op is "And" or "Or")
        {
            if (rule.ContainsKey("Variable"))
            {
                throw new StateMachineDefinitionException(name, where + ".Variable", $"{op} takes no Variable.");
            }

            if (operand is not JsonArray items || items.Count == 0)
            {
                throw new StateMachineDefinitionException(name, where + "." + op, "must be a non-empty array of rules.");
            }

            var nested = new List<ChoiceRule>();
            for (var i = 0; i < items.Count; i++)
            {
                nested.Add(items[i] is JsonObject item
                    ? ReadRule(name, $"{where}.{op}[{i}]", item, topLevel: false)
                    : throw new StateMachineDefinitionException(name, $"{where}.{op}[{i}]", "a rule is a JSON object."));
            }

            return op == "And" ? new AndRule(nested) : new OrRule(nested);
        }

        if (op == "Not")
        {
            if (rule.ContainsKey("Variable"))
            {
                throw new StateMachineDefinitionException(name, where + ".Variable", "Not takes no Variable.");
            }

            return operand is JsonObject inner
                ? new NotRule(ReadRule(name, where + ".Not", inner, topLevel: false))
                : throw new StateMachineDefinitionException(name, where + ".Not", "must be one rule (a JSON object).");
        }

        if (!ChoiceOperators.TryParse(op, out var comparison, out var isPath))
        {
            throw new StateMachineDefinitionException(name, where + "." + op, "is not a Choice operator.");
        }

        if (!rule.TryGetPropertyValue("Variable", out var variableNode) || !JsonValues.TryGetString(variableNode, out var variableText))
        {
            throw new StateMachineDefinitionException(name, where + ".Variable", "a comparison needs Variable (a path).");
        }

        var variable = Path(name, where + ".Variable", variableText);
        if (isPath)
        {
            return JsonValues.TryGetString(operand, out var operandPath)
                ? new ComparisonRule(variable, comparison, null, Path(name, where + "." + op, operandPath))
                : throw new StateMachineDefinitionException(name, where + "." + op, "must be a path (a string starting with $).");
        }

        var family = ChoiceOperators.Family(comparison);
        var valid = family switch
        {
            ChoiceOperatorFamily.String => JsonValues.TryGetString(operand, out _),
            ChoiceOperatorFamily.Numeric => JsonValues.TryGetNumber(operand, out _),
            ChoiceOperatorFamily.Boolean => JsonValues.TryGetBoolean(operand, out _),
            ChoiceOperatorFamily.Timestamp => JsonValues.TryGetString(operand, out var timestamp) && Timestamps.TryParse(timestamp, out _),
            _ => JsonValues.TryGetBoolean(operand, out _),
        };
        if (!valid)
        {
            var expected = family switch
            {
                ChoiceOperatorFamily.String => "a string",
                ChoiceOperatorFamily.Numeric => "a number",
                ChoiceOperatorFamily.Timestamp => "an RFC 3339 timestamp such as 2026-01-01T00:00:00Z",
                _ => "true or false",
            };
            throw new StateMachineDefinitionException(name, where + "." + op, $"must be {expected}, not {JsonValues.ToJson(operand)}.");
        }

        return new ComparisonRule(variable, comparison, JsonValues.Clone(operand), null);
    }

    private static WaitState ReadWait(string name, JsonObject state, string? next, DataPath inputPath, DataPath outputPath)
    {
        var given = WaitFields.Where(state.ContainsKey).ToList();
        if (given.Count != 1)
        {
            throw new StateMachineDefinitionException(
                name, given.Count == 0 ? null : given[1], "a Wait state has exactly one of Seconds, Timestamp, SecondsPath, TimestampPath.");
        }

        DateTimeOffset? timestamp = null;
        if (state.TryGetPropertyValue("Timestamp", out var timestampNode))
        {
            timestamp = JsonValues.TryGetString(timestampNode, out var text) && Timestamps.TryParse(text, out var parsed)
                ? parsed
                : throw new StateMachineDefinitionException(name, "Timestamp", $"must be an RFC 3339 timestamp such as 2026-01-01T00:00:00Z, not {JsonValues.ToJson(timestampNode)}.");
        }

        return new WaitState
        {
            Name = name,
            Next = next,
            InputPath = inputPath,
            OutputPath = outputPath,
            Seconds = OptionalSeconds(name, state, "Seconds", minimum: 0),
            Timestamp = timestamp,
            SecondsPath = OptionalPath(name, state, "SecondsPath"),
            TimestampPath = OptionalPath(name, state, "TimestampPath"),
        };
    }

    private static FailState ReadFail(string name, JsonObject state)
    {
        if (state.ContainsKey("Error") && state.ContainsKey("ErrorPath"))
        {
            throw new StateMachineDefinitionException(name, "ErrorPath", "Error and ErrorPath cannot both be set.");
        }

        if (state.ContainsKey("Cause") && state.ContainsKey("CausePath"))
        {
            throw new StateMachineDefinitionException(name, "CausePath", "Cause and CausePath cannot both be set.");
        }

        return new FailState
        {
            Name = name,
            Error = OptionalString(name, state, "Error"),
            Cause = OptionalString(name, state, "Cause"),
            ErrorPath = OptionalExpression(name, state, "ErrorPath"),
            CausePath = OptionalExpression(name, state, "CausePath"),
        };
    }

    private static List<Retrier> ReadRetry(string name, JsonObject state)
    {
        var retriers = new List<Retrier>();
        foreach (var (entry, where, isLast) in Entries(name, state, "Retry"))
        {
            CheckFields(name, where, entry, RetrierFields);
            OptionalString(name, entry, "Comment", where + ".");
            var errors = ErrorEquals(name, where, entry, isLast);
            var backoff = 2.0;
            if (entry.TryGetPropertyValue("BackoffRate", out var backoffNode))
            {
                backoff = JsonValues.TryGetNumber(backoffNode, out var rate) && rate >= 1.0
                    ? rate
                    : throw new StateMachineDefinitionException(name, where + ".BackoffRate", $"must be a number of at least 1.0, not {JsonValues.ToJson(backoffNode)}.");
            }

            var jitter = OptionalString(name, entry, "JitterStrategy", where + ".");
            if (jitter is not (null or "FULL" or "NONE"))
            {
                throw new StateMachineDefinitionException(name, where + ".JitterStrategy", $"must be FULL or NONE, not '{jitter}'.");
            }

            retriers.Add(new Retrier
            {
                ErrorEquals = errors,
                IntervalSeconds = (int)(OptionalSeconds(name, entry, "IntervalSeconds", minimum: 1, where + ".") ?? 1),
                MaxAttempts = (int)(OptionalSeconds(name, entry, "MaxAttempts", minimum: 0, where + ".") ?? 3),
                BackoffRate = backoff,
                MaxDelaySeconds = OptionalSeconds(name, entry, "MaxDelaySeconds", minimum: 1, where + ".", maximum: 31_622_400) is { } cap ? (int)cap : null,
                FullJitter = jitter == "FULL",
            });
        }

        return retriers;
    }

    private static List<Catcher> ReadCatch(string name, JsonObject state)
    {
        var catchers = new List<Catcher>();
        foreach (var (entry, where, isLast) in Entries(name, state, "Catch"))
        {
            CheckFields(name, where, entry, CatcherFields);
            OptionalString(name, entry, "Comment", where + ".");
            catchers.Add(new Catcher
            {
                ErrorEquals = ErrorEquals(name, where, entry, isLast),
                Next = RequiredString(name, entry, "Next", where + "."),
                ResultPath = ReadResultPath(name, entry, "ResultPath", where + "."),
            });
        }

        return catchers;
    }

    private static IEnumerable<(JsonObject Entry, string Where, bool IsLast)> Entries(string name, JsonObject state, string field)
    {
        if (!state.TryGetPropertyValue(field, out var node))
        {
            yield break;
        }

        if (node is not JsonArray entries)
        {
            throw new StateMachineDefinitionException(name, field, $"must be an array, not {JsonValues.TypeName(node)}.");
        }

        for (var i = 0; i < entries.Count; i++)
        {
            var where = $"{field}[{i}]";
            yield return entries[i] is JsonObject entry
                ? (entry, where, i == entries.Count - 1)
                : throw new StateMachineDefinitionException(name, where, "must be a JSON object.");
        }
    }

    private static List<string> ErrorEquals(string name, string where, JsonObject entry, bool isLast)
    {
        if (!entry.TryGetPropertyValue("ErrorEquals", out var node) || node is not JsonArray names || names.Count == 0)
        {
            throw new StateMachineDefinitionException(name, where + ".ErrorEquals", "must be a non-empty array of error names.");
        }

        var errors = new List<string>();
        foreach (var item in names)
        {
            if (!JsonValues.TryGetString(item, out var error) || error.Length == 0)
            {
                throw new StateMachineDefinitionException(name, where + ".ErrorEquals", $"error names are non-empty strings, not {JsonValues.ToJson(item)}.");
            }

            if (error.StartsWith("States.", StringComparison.Ordinal) && !StatesErrors.Predefined.Contains(error))
            {
                throw new StateMachineDefinitionException(name, where + ".ErrorEquals", $"'{error}' is not a predefined error (names starting with 'States.' are reserved).");
            }

            errors.Add(error);
        }

        if (errors.Contains(StatesErrors.All) && (errors.Count > 1 || !isLast))
        {
            throw new StateMachineDefinitionException(name, where + ".ErrorEquals", "States.ALL must appear alone, and only in the last retrier or catcher.");
        }

        return errors;
    }

    private static PayloadTemplate? ReadTemplate(string name, JsonObject state, string field)
    {
        if (!state.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        if (node is not JsonObject template)
        {
            throw new StateMachineDefinitionException(name, field, $"must be a JSON object (a payload template), not {JsonValues.TypeName(node)}.");
        }

        try
        {
            return PayloadTemplate.Compile(template);
        }
        catch (FormatException ex)
        {
            throw new StateMachineDefinitionException(name, field, ex.Message, ex);
        }
    }

    private static DataPath ReadDataPath(string name, JsonObject state, string field)
    {
        if (!state.TryGetPropertyValue(field, out var node))
        {
            return DataPath.Root;
        }

        if (node is null)
        {
            return DataPath.Empty;
        }

        return JsonValues.TryGetString(node, out var text)
            ? DataPath.For(Path(name, field, text, allowContext: false))
            : throw new StateMachineDefinitionException(name, field, $"must be a path or null, not {JsonValues.TypeName(node)}.");
    }

    private static ResultPathField ReadResultPath(string name, JsonObject state, string field, string prefix = "")
    {
        if (!state.TryGetPropertyValue(field, out var node))
        {
            return ResultPathField.Root;
        }

        if (node is null)
        {
            return ResultPathField.Discard;
        }

        if (!JsonValues.TryGetString(node, out var text))
        {
            throw new StateMachineDefinitionException(name, prefix + field, $"must be a Reference Path or null, not {JsonValues.TypeName(node)}.");
        }

        try
        {
            return ResultPathField.For(JsonPath.ParseReference(text));
        }
        catch (FormatException ex)
        {
            throw new StateMachineDefinitionException(name, prefix + field, ex.Message, ex);
        }
    }

    private static JsonPath? OptionalPath(string name, JsonObject state, string field) =>
        state.TryGetPropertyValue(field, out var node)
            ? JsonValues.TryGetString(node, out var text)
                ? Path(name, field, text)
                : throw new StateMachineDefinitionException(name, field, $"must be a path (a string), not {JsonValues.TypeName(node)}.")
            : null;

    private static ValueExpression? OptionalExpression(string name, JsonObject state, string field)
    {
        if (!state.TryGetPropertyValue(field, out var node))
        {
            return null;
        }

        if (!JsonValues.TryGetString(node, out var text))
        {
            throw new StateMachineDefinitionException(name, field, $"must be a path or an intrinsic function (a string), not {JsonValues.TypeName(node)}.");
        }

        try
        {
            return ValueExpression.Parse(text);
        }
        catch (FormatException ex)
        {
            throw new StateMachineDefinitionException(name, field, ex.Message, ex);
        }
    }

    private static JsonPath Path(string name, string field, string text, bool allowContext = true)
    {
        try
        {
            return JsonPath.Parse(text, allowContext);
        }
        catch (FormatException ex)
        {
            throw new StateMachineDefinitionException(name, field, ex.Message, ex);
        }
    }

    private static long? OptionalSeconds(string? name, JsonObject node, string field, long minimum, string prefix = "", long maximum = MaxSeconds)
    {
        if (!node.TryGetPropertyValue(field, out var value))
        {
            return null;
        }

        return JsonValues.TryGetInteger(value, out var seconds) && seconds >= minimum && seconds <= maximum
            ? seconds
            : throw new StateMachineDefinitionException(
                name, prefix + field, string.Create(CultureInfo.InvariantCulture, $"must be an integer from {minimum} to {maximum}, not {JsonValues.ToJson(value)}."));
    }

    private static string RequiredString(string? name, JsonObject node, string field, string prefix = "") =>
        OptionalString(name, node, field, prefix) ?? throw new StateMachineDefinitionException(name, prefix + field, "is required.");

    private static string? OptionalString(string? name, JsonObject node, string field, string prefix = "")
    {
        if (!node.TryGetPropertyValue(field, out var value))
        {
            return null;
        }

        return JsonValues.TryGetString(value, out var text)
            ? text
            : throw new StateMachineDefinitionException(name, prefix + field, $"must be a string, not {JsonValues.TypeName(value)}.");
    }

    private static bool Boolean(string name, string field, JsonNode? value) =>
        JsonValues.TryGetBoolean(value, out var flag) ? flag : throw new StateMachineDefinitionException(name, field, $"must be true or false, not {JsonValues.ToJson(value)}.");

    private static void CheckQueryLanguage(string? name, JsonObject node)
    {
        var language = OptionalString(name, node, "QueryLanguage");
        if (language is null or "JSONPath")
        {
            return;
        }

        throw new StateMachineDefinitionException(
            name,
            "QueryLanguage",
            language == "JSONata" ? "JSONata is not supported by this interpreter; only JSONPath." : $"'{language}' is not a query language (JSONPath, JSONata).");
    }

    private static void CheckFields(string? name, string? where, JsonObject node, HashSet<string> allowed)
    {
        foreach (var (key, _) in node)
        {
            if (allowed.Contains(key))
            {
                continue;
            }

            var field = where is null ? key : where + "." + key;
            if (UnsupportedFields.TryGetValue(key, out var reason))
            {
                throw new StateMachineDefinitionException(name, field, reason + ".");
            }

            throw new StateMachineDefinitionException(name, field, $"is not a field here (allowed: {string.Join(", ", allowed)}).");
        }
    }

    /// <summary>Any <c>{% … %}</c> string anywhere means JSONata, which this interpreter does not evaluate.</summary>
    private static void RejectJsonata(JsonNode? node, string where)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.Where(p => p.Key != "Comment"))
                {
                    RejectJsonata(value, where + "." + key);
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    RejectJsonata(array[i], $"{where}[{i}]");
                }

                break;
            default:
                if (JsonValues.TryGetString(node, out var text) && text.TrimStart().StartsWith("{%", StringComparison.Ordinal) && text.TrimEnd().EndsWith("%}", StringComparison.Ordinal))
                {
                    throw new StateMachineDefinitionException(StateOf(where), where, $"'{text}' is a JSONata expression; JSONata is not supported by this interpreter.");
                }

                break;
        }
    }

    /// <summary>The state a location such as <c>$.States.Diagnose.Parameters</c> is in, if any.</summary>
    private static string? StateOf(string where) =>
        where.StartsWith("$.States.", StringComparison.Ordinal) ? where["$.States.".Length..].Split('.')[0] : null;

    private static HashSet<string> Fields(string[] common, params string[] more) => new([.. common, .. more], StringComparer.Ordinal);

    /// <summary><c>arn:PARTITION:states:REGION?:ACCOUNT?:SERVICE:ACTION</c>: an optimized or SDK service integration.</summary>
    [GeneratedRegex(@"^arn:aws[a-z-]*:states:[a-z0-9-]*:\d*:(?<service>[a-zA-Z0-9-]+):(?<action>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex OptimizedResource();

    /// <summary><c>arn:PARTITION:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER]</c>.</summary>
    [GeneratedRegex(@"^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(:[A-Za-z0-9_$-]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex FunctionArn();
}
