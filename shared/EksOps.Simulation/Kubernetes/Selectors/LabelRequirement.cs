namespace EksOps.Simulation.Kubernetes;

/// <summary>One requirement of a label selector.</summary>
internal sealed record LabelRequirement(string Key, string Operator, IReadOnlyList<string> Values)
{
    public const string Exists = "exists";
    public const string DoesNotExist = "!";
    public const string Equal = "=";
    public const string DoubleEquals = "==";
    public const string NotEquals = "!=";
    public const string In = "in";
    public const string NotIn = "notin";
    public const string GreaterThan = ">";
    public const string LessThan = "<";

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        var has = labels.TryGetValue(Key, out var value);
        switch (Operator)
        {
            case Exists:
                return has;
            case DoesNotExist:
                return !has;
            case Equal or DoubleEquals or In:
                return has && Values.Contains(value!);
            case NotEquals or NotIn:
                return !has || !Values.Contains(value!);
            case GreaterThan or LessThan:
                if (!has || !long.TryParse(value, out var actual) || !long.TryParse(Values[0], out var bound))
                {
                    return false;
                }

                return Operator == GreaterThan ? actual > bound : actual < bound;
            default:
                return false;
        }
    }

    /// <summary>The requirement as <c>labels.Requirement.String()</c> prints it.</summary>
    public override string ToString() => Operator switch
    {
        Exists => Key,
        DoesNotExist => "!" + Key,
        In or NotIn => $"{Key} {Operator} ({string.Join(",", Values.Order(StringComparer.Ordinal))})",
        _ => Key + Operator + Values[0],
    };
}
