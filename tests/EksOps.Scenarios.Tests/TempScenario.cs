namespace EksOps.Scenarios.Tests;

/// <summary>
/// A scenario folder in a fresh temporary directory: a copy of a fixture (to corrupt) or an empty one (to write).
/// The whole temporary directory is deleted on dispose.
/// </summary>
internal sealed class TempScenario : IDisposable
{
    private TempScenario(string name)
    {
        Root = Path.Combine(Path.GetTempPath(), "eksops-scenarios-tests", Guid.NewGuid().ToString("N"));
        Directory = Path.Combine(Root, name);
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>The temporary directory that holds the scenario folder (its parent).</summary>
    public string Root { get; }

    /// <summary>The scenario folder.</summary>
    public string Directory { get; }

    public static string FixturePath(string fixture) => Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture);

    public static TempScenario CopyOf(string fixture, string? name = null)
    {
        var scenario = new TempScenario(name ?? fixture);
        string source = FixturePath(fixture);
        foreach (string file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string target = Path.Combine(scenario.Directory, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return scenario;
    }

    public static TempScenario Empty(string name = "scratch") => new(name);

    public TempScenario Write(string relative, string content)
    {
        string path = Path.Combine(Directory, relative);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content.ReplaceLineEndings("\n"));
        return this;
    }

    public string Read(string relative) => File.ReadAllText(Path.Combine(Directory, relative));

    /// <summary>Replaces text that must occur exactly once in the file.</summary>
    public TempScenario Edit(string relative, string oldText, string newText)
    {
        string content = Read(relative);
        oldText = oldText.ReplaceLineEndings("\n");
        int first = content.IndexOf(oldText, StringComparison.Ordinal);
        Assert.True(first >= 0, relative + " does not contain " + oldText);
        Assert.True(content.IndexOf(oldText, first + 1, StringComparison.Ordinal) < 0, relative + " contains " + oldText + " more than once");
        return Write(relative, string.Concat(content.AsSpan(0, first), newText.ReplaceLineEndings("\n"), content.AsSpan(first + oldText.Length)));
    }

    public TempScenario Delete(string relative)
    {
        File.Delete(Path.Combine(Directory, relative));
        return this;
    }

    public Scenario Load() => ScenarioLoader.Load(Directory);

    public ScenarioException Reject() => Assert.Throws<ScenarioException>(() => ScenarioLoader.Load(Directory));

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp folder left behind is harmless.
        }
    }
}
