using EksOps.Diagnosis.Evidence;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>A deterministic analyzer: reads the snapshot, reports typed findings (ids are assigned afterwards).</summary>
internal interface IAnalyzer
{
    /// <summary>The analyzer's name, recorded on its findings.</summary>
    string Name { get; }

    IEnumerable<Finding> Analyze(ClusterSnapshot snapshot);
}
