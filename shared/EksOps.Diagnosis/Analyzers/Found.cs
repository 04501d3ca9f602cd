namespace EksOps.Diagnosis.Analyzers;

/// <summary>Builds findings without ids (the pipeline numbers them).</summary>
internal static class Found
{
    public static Finding Make(string analyzer, FindingKind kind, ObjectRef subject, string message, string evidenceId, params (string Key, string? Value)[] details) =>
        Make(analyzer, kind, subject, message, [evidenceId], details);

    public static Finding Make(string analyzer, FindingKind kind, ObjectRef subject, string message, IEnumerable<string> evidenceIds, params (string Key, string? Value)[] details)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in details)
        {
            if (value is not null)
            {
                map[key] = value;
            }
        }

        return new Finding
        {
            Id = string.Empty,
            Analyzer = analyzer,
            Kind = kind,
            About = subject,
            Message = message,
            EvidenceIds = [.. evidenceIds.Where(e => e.Length > 0).Distinct(StringComparer.Ordinal)],
            Details = map,
        };
    }
}
