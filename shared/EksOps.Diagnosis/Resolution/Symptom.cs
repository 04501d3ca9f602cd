namespace EksOps.Diagnosis.Resolution;

/// <summary>What kind of trouble the alarm's metrics measure; it decides which evidence is worth reading.</summary>
[Flags]
internal enum Symptom
{
    None = 0,
    Restarts = 1,
    Pending = 2,
    FailedPods = 4,
    Availability = 8,
    Cpu = 16,
    Memory = 32,
    Latency = 64,
    Errors = 128,
    Traffic = 256,
    Node = 512,
    UnhealthyTargets = 1024,
}
