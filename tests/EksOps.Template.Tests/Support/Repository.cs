namespace EksOps.Template.Tests.Support;

/// <summary>Paths in the repository the tests run from (the folder holding Functions.sln and template.yaml).</summary>
internal static class Repository
{
    private static readonly Lazy<string> RootFolder = new(FindRoot);

    /// <summary>The repository root.</summary>
    public static string Root => RootFolder.Value;

    /// <summary>The SAM template under test.</summary>
    public static string Template => Path.Combine(Root, "template.yaml");

    /// <summary>The offline translator (tests/conformance/translate_template.py).</summary>
    public static string Translator => Path.Combine(Root, "tests", "conformance", "translate_template.py");

    /// <summary>A path under the root, from forward-slash segments as the template writes them.</summary>
    public static string PathOf(string relative) => Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>A path relative to the root, with forward slashes.</summary>
    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace(Path.DirectorySeparatorChar, '/');

    private static string FindRoot()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "Functions.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        return folder ?? throw new InvalidOperationException($"no Functions.sln above {AppContext.BaseDirectory}");
    }
}
