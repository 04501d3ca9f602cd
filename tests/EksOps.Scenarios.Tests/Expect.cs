namespace EksOps.Scenarios.Tests;

/// <summary>Assertions on <see cref="ScenarioException"/>s.</summary>
internal static class Expect
{
    /// <summary>
    /// Asserts the exception holds exactly one error, at <paramref name="file"/> and <paramref name="path"/>, whose
    /// problem contains every fragment; and that the exception's message names all of it on one line.
    /// </summary>
    public static ScenarioError Only(ScenarioException ex, string file, string path, params string[] fragments)
    {
        var error = Assert.Single(ex.Errors);
        AssertError(ex, error, file, path, fragments);
        return error;
    }

    /// <summary>Asserts one of the errors is at <paramref name="file"/> and <paramref name="path"/> and its problem contains every fragment.</summary>
    public static ScenarioError Has(ScenarioException ex, string file, string path, params string[] fragments)
    {
        var error = ex.Errors.FirstOrDefault(e => e.File == file && e.Path == path);
        Assert.True(error is not null, "no error at " + file + ": " + path + "; errors:\n" + ex.Message);
        AssertError(ex, error, file, path, fragments);
        return error;
    }

    private static void AssertError(ScenarioException ex, ScenarioError error, string file, string path, string[] fragments)
    {
        Assert.Equal(file, error.File);
        Assert.Equal(path, error.Path);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, error.Problem, StringComparison.Ordinal);
        }

        Assert.StartsWith("expected ", error.Problem.Replace("invalid CloudWatch alarm event: ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.StartsWith(file + ": " + path, error.ToString(), StringComparison.Ordinal);
        Assert.Contains("\n  " + error + "\n", ex.Message.ReplaceLineEndings("\n") + "\n", StringComparison.Ordinal);
    }
}
