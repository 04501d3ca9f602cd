using EksOps.Diagnosis;

namespace EksOps.IncidentFlow.Remediation;

/// <summary>A change's target (<c>Kind/name</c> in its namespace) as an object reference.</summary>
internal static class ChangeTargets
{
    public static ObjectRef? Of(string? target, string? ns)
    {
        int slash = target?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        return slash > 0 ? new ObjectRef(target![..slash], ns, target[(slash + 1)..]) : null;
    }
}
