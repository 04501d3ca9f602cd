using System.Text.Json.Nodes;

namespace EksOps.Tools.Tests;

public sealed class RedactionTests(ITestOutputHelper output)
{
    public static TheoryData<string, string, string> Secrets()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var columns in Corpus("secrets.txt"))
        {
            data.Add(columns[0], Unescape(columns[1]), columns[2]);
        }

        return data;
    }

    public static TheoryData<string, string> LookAlikes()
    {
        var data = new TheoryData<string, string>();
        foreach (var columns in Corpus("lookalikes.txt"))
        {
            data.Add(columns[0], columns[1]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Secrets))]
    public void Every_secret_in_the_corpus_is_masked(string rule, string text, string secret)
    {
        string redacted = SecretRedactor.Redact(text, out int count);

        Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        Assert.Contains(SecretRedactor.MarkerPrefix, redacted, StringComparison.Ordinal);
        Assert.True(count >= 1, rule);
    }

    [Theory]
    [MemberData(nameof(LookAlikes))]
    public void Every_look_alike_in_the_corpus_comes_back_unchanged(string what, string text)
    {
        Assert.True(text == SecretRedactor.Redact(text, out int count) && count == 0, what);
    }

    [Fact]
    public void The_corpora_have_no_false_negatives_and_no_false_positives()
    {
        var secrets = Secrets();
        var lookAlikes = LookAlikes();
        int falseNegatives = secrets.Count(row => SecretRedactor.Redact(row.Data.Item2).Contains(row.Data.Item3, StringComparison.Ordinal));
        int falsePositives = lookAlikes.Count(row => SecretRedactor.Redact(row.Data.Item2) != row.Data.Item2);

        output.WriteLine($"redaction corpus: {secrets.Count} secrets, {falseNegatives} false negatives; {lookAlikes.Count} look-alikes, {falsePositives} false positives");
        Assert.True(secrets.Count >= 40 && lookAlikes.Count >= 40, "the corpora shrank");
        Assert.Equal(0, falseNegatives);
        Assert.Equal(0, falsePositives);
    }

    [Fact]
    public void Every_value_of_a_kubernetes_secret_is_masked_and_its_keys_are_kept()
    {
        var secret = JsonNode.Parse("""
            {"apiVersion": "v1", "kind": "Secret", "type": "Opaque",
             "metadata": {"name": "db-credentials", "namespace": "shop",
               "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"data\":{\"password\":\"aHVudGVyMg==\"},\"metadata\":{\"name\":\"db-credentials\"}}"}},
             "data": {"username": "YXBw", "password": "aHVudGVyMg=="},
             "stringData": {"url": "postgres://app:hunter2@db:5432/shop"}}
            """)!;

        int count = SecretRedactor.RedactInPlace(secret);

        string json = secret.ToJsonString();
        Assert.DoesNotContain("aHVudGVyMg", json, StringComparison.Ordinal);
        Assert.DoesNotContain("YXBw", json, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", json, StringComparison.Ordinal);
        Assert.Equal(["username", "password"], secret["data"]!.AsObject().Select(p => p.Key));
        Assert.Equal("[REDACTED:k8s-secret-data]", secret["data"]!["password"]!.GetValue<string>());
        Assert.Equal("db-credentials", secret["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(4, count);
    }

    [Fact]
    public void Secrets_in_a_list_are_masked_even_when_items_carry_no_kind()
    {
        var list = JsonNode.Parse("""
            {"kind": "SecretList", "items": [
              {"metadata": {"name": "a"}, "type": "kubernetes.io/service-account-token", "data": {"token": "ZXlKaGJHY2lPaUpTVXpJMU5pSjk="}},
              {"metadata": {"name": "b"}, "type": "kubernetes.io/dockerconfigjson", "data": {".dockerconfigjson": "eyJhdXRocyI6e319"}}]}
            """)!;

        SecretRedactor.RedactInPlace(list);

        Assert.DoesNotContain("ZXlKaGJHY2lPaUpTVXpJMU5pSjk", list.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("eyJhdXRocyI6e319", list.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Container_env_values_with_secret_names_are_masked_and_references_are_kept()
    {
        var pod = JsonNode.Parse("""
            {"kind": "Pod", "spec": {"containers": [{"name": "app", "env": [
              {"name": "DB_PASSWORD", "value": "hunter2"},
              {"name": "STRIPE_API_KEY", "value": "live-key-value"},
              {"name": "DB_PASSWORD_FILE", "value": "/run/secrets/db"},
              {"name": "SECRET_NAME", "value": "db-credentials"},
              {"name": "LOG_LEVEL", "value": "info"},
              {"name": "DB_USER", "valueFrom": {"secretKeyRef": {"name": "db-credentials", "key": "username"}}}]}]}}
            """)!;

        SecretRedactor.RedactInPlace(pod);

        var env = pod["spec"]!["containers"]![0]!["env"]!.AsArray();
        Assert.Equal("[REDACTED:sensitive-env]", env[0]!["value"]!.GetValue<string>());
        Assert.Equal("[REDACTED:sensitive-env]", env[1]!["value"]!.GetValue<string>());
        Assert.Equal("/run/secrets/db", env[2]!["value"]!.GetValue<string>());
        Assert.Equal("db-credentials", env[3]!["value"]!.GetValue<string>());
        Assert.Equal("info", env[4]!["value"]!.GetValue<string>());
        Assert.Equal("db-credentials", env[5]!["valueFrom"]!["secretKeyRef"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Fields_named_like_credentials_are_masked_but_lookalike_names_are_not()
    {
        var node = JsonNode.Parse("""{"password": "x1", "clientSecret": "y2", "api_key": "z3", "nextToken": "AAAB", "secretName": "s", "tokenExpirationSeconds": 3600}""")!;

        SecretRedactor.RedactInPlace(node);

        Assert.Equal("""{"password":"[REDACTED:sensitive-field]","clientSecret":"[REDACTED:sensitive-field]","api_key":"[REDACTED:sensitive-field]","nextToken":"AAAB","secretName":"s","tokenExpirationSeconds":3600}""", node.ToJsonString());
    }

    [Fact]
    public void Strings_inside_arrays_are_redacted()
    {
        var node = new JsonArray("ok", "password=hunter2");

        Assert.Equal(1, SecretRedactor.RedactInPlace(node));
        Assert.Equal("password=[REDACTED:password]", node[1]!.GetValue<string>());
    }

    [Fact]
    public void Redacting_twice_changes_nothing_more()
    {
        string once = SecretRedactor.Redact("password=hunter2 token=abcdef123456 AKIAIOSFODNN7EXAMPLE");

        Assert.Equal(once, SecretRedactor.Redact(once, out int count));
        Assert.Equal(0, count);
    }

    private static IEnumerable<string[]> Corpus(string file) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Corpus", file))
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split('\t'));

    private static string Unescape(string text) => text.Replace("\\\\n", "\u0001", StringComparison.Ordinal).Replace("\\n", "\n", StringComparison.Ordinal).Replace("\u0001", "\\n", StringComparison.Ordinal);
}
