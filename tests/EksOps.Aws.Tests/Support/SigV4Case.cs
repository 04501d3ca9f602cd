using System.Text;

namespace EksOps.Aws.Tests.Support;

/// <summary>One case of the official SigV4 test suite (TestData/sigv4), read from its files.</summary>
internal sealed class SigV4Case
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "TestData", "sigv4");

    private SigV4Case(string name)
    {
        Name = name;
        var directory = Path.Combine(Root, name);
        var file = Path.GetFileName(name);
        Request = File.ReadAllText(Path.Combine(directory, file + ".req"), Encoding.UTF8);
        CanonicalRequest = File.ReadAllText(Path.Combine(directory, file + ".creq"), Encoding.UTF8).Replace("\r", string.Empty, StringComparison.Ordinal);
        StringToSign = File.ReadAllText(Path.Combine(directory, file + ".sts"), Encoding.UTF8).Replace("\r", string.Empty, StringComparison.Ordinal);
        Authorization = File.ReadAllText(Path.Combine(directory, file + ".authz"), Encoding.UTF8).Replace("\r", string.Empty, StringComparison.Ordinal);
    }

    public string Name { get; }

    public string Request { get; }

    public string CanonicalRequest { get; }

    public string StringToSign { get; }

    public string Authorization { get; }

    /// <summary>Every case folder (one holding a .req file), as a path relative to the suite, e.g. <c>normalize-path/get-slashes</c>.</summary>
    public static IEnumerable<string> All() =>
        Directory.EnumerateFiles(Root, "*.req", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Root, Path.GetDirectoryName(path)!).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

    public static SigV4Case Load(string name) => new(name);

    /// <summary>The canonical request's lines: method, path, query, header lines…, blank, signed headers, payload hash.</summary>
    public string[] CanonicalLines => CanonicalRequest.Split('\n');

    public string SignedHeaders => CanonicalLines[^2];

    public string PayloadHash => CanonicalLines[^1];

    /// <summary>The session token of <c>get-vanilla-with-session-token</c>, which appears only in the .creq (as botocore reads it).</summary>
    public string? TokenInCanonicalRequest =>
        CanonicalLines.FirstOrDefault(l => l.StartsWith("x-amz-security-token:", StringComparison.Ordinal))?["x-amz-security-token:".Length..];
}
