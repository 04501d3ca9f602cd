namespace EksOps.Diagnosis.Resolution;

/// <summary>One metric an alarm (or a composite's child) evaluates: where it points and what it measures.</summary>
internal sealed record MetricSignal(string MetricNamespace, string MetricName, IReadOnlyDictionary<string, string> Dimensions, string AlarmName)
{
    public string? Dimension(string name) => Dimensions.TryGetValue(name, out var value) && value.Length > 0 ? value : null;

    public Symptom Symptom => AlarmSignals.SymptomOf(MetricName);
}
