using System.Text.Json.Nodes;
using EksOps.Incidents;

namespace EksOps.Scenarios.Internal;

/// <summary>
/// Reads and validates one scenario folder. Every check runs even after others fail, so one load reports every
/// problem; the scenario is returned only if there were none.
/// </summary>
internal sealed partial class ScenarioReader
{
    public const string ScenarioFile = "scenario.yaml";

    private static readonly string[] TopKeys = ["id", "title", "now", "cluster", "alarm", "objects", "logs", "metrics", "expect"];
    private static readonly string[] ClusterKeys = ["name", "region", "accountId", "environment"];

    private readonly string directory;
    private readonly ErrorList errors = new();

    private ScenarioReader(string directory)
    {
        this.directory = directory;
    }

    /// <summary>Loads the scenario in <paramref name="directory"/> (a full path to an existing folder).</summary>
    /// <exception cref="ScenarioException">The scenario is invalid; all problems are listed.</exception>
    public static Scenario Read(string directory) => new ScenarioReader(directory).Read();

    private Scenario Read()
    {
        var scenario = TryRead();
        if (errors.Count > 0 || scenario is null)
        {
            throw new ScenarioException(directory, errors.Items);
        }

        return scenario;
    }

    private Scenario? TryRead()
    {
        string path = Path.Combine(directory, ScenarioFile);
        if (!System.IO.File.Exists(path))
        {
            errors.Add(ScenarioFile, JsonPaths.Root, null, "expected the file " + ScenarioFile + " in the scenario folder but it does not exist");
            return null;
        }

        var documents = YamlFiles.Parse(System.IO.File.ReadAllText(path), ScenarioFile, errors);
        if (documents is null)
        {
            return null;
        }

        if (documents.Count != 1)
        {
            errors.Add(ScenarioFile, JsonPaths.Root, documents.Count > 1 ? Position.From(documents[1].RootNode.Start) : null,
                "expected one YAML document (a mapping with title, now, cluster, alarm, objects …) but found " + Texts.Count(documents.Count, "document", "documents"));
            return null;
        }

        var map = new SourceMap();
        var root = new YamlToJson(ScenarioFile, errors, map).Convert(documents[0].RootNode, JsonPaths.Root);
        var f = new Fields(ScenarioFile, map, errors);
        if (root is null && errors.Count > 0)
        {
            return null;
        }

        if (root is not JsonObject top)
        {
            f.Error(JsonPaths.Root, map.Of(root) ?? Position.From(documents[0].RootNode.Start),
                "expected a mapping with title, now, cluster, alarm, objects … but found " + Texts.Describe(root, map));
            return null;
        }

        f.OnlyKeys(top, JsonPaths.Root, TopKeys);
        string? id = ReadId(f, top);
        string? title = f.String(top, JsonPaths.Root, "title", required: true);
        DateTimeOffset? now = ReadInstant(f, top, JsonPaths.Root, "now");
        var cluster = ReadCluster(f, top, out var environment);
        var alarm = ReadAlarm(f, top);
        var objects = ReadObjects(f, top);
        var logs = ReadLogs(f, top);
        var metrics = ReadMetrics(f, top);
        var expect = ReadExpect(f, top);

        if (id is null || title is null || now is null || cluster is null || alarm is null || objects is null || logs is null || metrics is null)
        {
            return null;
        }

        return new Scenario
        {
            Id = id,
            Title = title,
            Now = now.Value,
            Cluster = cluster,
            Alarm = alarm,
            Objects = objects,
            Logs = logs,
            Metrics = metrics,
            Expect = expect,
            Directory = directory,
        };
    }

    private string? ReadId(Fields f, JsonObject top)
    {
        const string Expected = "an id of lowercase letters, digits and '-' ([a-z0-9-]+)";
        if (top.ContainsKey("id"))
        {
            return f.String(top, JsonPaths.Root, "id", required: true, Expected, Patterns.ScenarioId());
        }

        string folder = Path.GetFileName(directory);
        if (Patterns.ScenarioId().IsMatch(folder))
        {
            return folder;
        }

        f.Error("$.id", f.Map.Of(top), "expected " + Expected + " but the key is missing and the folder name " + Texts.Quote(folder)
            + " is not one; add id: or rename the folder");
        return null;
    }

    private static DateTimeOffset? ReadInstant(Fields f, JsonObject obj, string path, string key)
    {
        string? text = f.String(obj, path, key, required: true, Instants.Expected);
        if (text is null)
        {
            return null;
        }

        if (Instants.TryParse(text, out var instant))
        {
            return instant;
        }

        f.Unexpected(obj, path, key, Instants.Expected, obj[key]);
        return null;
    }

    private static ScenarioCluster? ReadCluster(Fields f, JsonObject top, out ClusterEnvironment? environment)
    {
        environment = null;
        var cluster = f.Mapping(top, JsonPaths.Root, "cluster", required: true, "a mapping with name, region, accountId and environment");
        if (cluster is null)
        {
            return null;
        }

        const string Path = "$.cluster";
        f.OnlyKeys(cluster, Path, ClusterKeys);
        string? name = f.String(cluster, Path, "name", required: true, "an EKS cluster name (letters, digits, '-' and '_', starting with a letter or digit)", Patterns.ClusterName());
        string? region = f.String(cluster, Path, "region", required: true, "an AWS Region such as \"ap-northeast-2\"", Patterns.Region());
        string? account = f.String(cluster, Path, "accountId", required: true, "a 12-digit AWS account id (quote it: \"123456789012\")", Patterns.AccountId());
        string environmentExpected = "one of " + string.Join(", ", ClusterEnvironments.Ids);
        string? environmentText = f.String(cluster, Path, "environment", required: true, environmentExpected);
        if (environmentText is not null)
        {
            if (ClusterEnvironments.TryParse(environmentText, out var parsed))
            {
                environment = parsed;
            }
            else
            {
                f.Unexpected(cluster, Path, "environment", environmentExpected, cluster["environment"]);
            }
        }

        return name is null || region is null || account is null || environment is null
            ? null
            : new ScenarioCluster { Name = name, Region = region, AccountId = account, Environment = environment.Value };
    }
}
