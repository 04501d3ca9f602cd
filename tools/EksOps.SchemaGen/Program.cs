using EksOps.Tools;

// eksops-schemagen [--check] [--out DIR]
//   Writes the schemas generated from ToolCatalog into DIR (default: <repository>/schemas).
//   --check writes nothing and exits 1 when a file differs, is missing, or is stale.
bool check = args.Contains("--check");
int outIndex = Array.IndexOf(args, "--out");
string? directory = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : FindRepositoryFolder();
if (directory is null)
{
    Console.Error.WriteLine("eksops-schemagen: cannot find the repository (Functions.sln) above the current folder; pass --out DIR");
    return 2;
}

if (check)
{
    var drift = SchemaDrift.Find(ToolCatalog.All, directory);
    foreach (string line in drift)
    {
        Console.Error.WriteLine(line);
    }

    Console.WriteLine(drift.Count == 0 ? $"{directory}: up to date" : $"{directory}: {drift.Count} file(s) out of date; run dotnet run --project tools/EksOps.SchemaGen");
    return drift.Count == 0 ? 0 : 1;
}

var written = ToolArtifacts.WriteAll(ToolCatalog.All, directory);
foreach (string stale in SchemaDrift.Stale(written, directory))
{
    File.Delete(Path.Combine(directory, stale));
    Console.WriteLine($"removed {stale}");
}

Console.WriteLine($"wrote {written.Count} files to {directory}");
return 0;

static string? FindRepositoryFolder()
{
    for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Functions.sln")))
        {
            return Path.Combine(dir.FullName, ToolArtifacts.DefaultFolder);
        }
    }

    return null;
}
