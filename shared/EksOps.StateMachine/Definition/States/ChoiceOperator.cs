namespace EksOps.StateMachine.Definition.States;

/// <summary>The comparison operators of a Choice rule (each comparison also exists as a <c>…Path</c> variant, except <c>StringMatches</c> and the <c>Is…</c> tests).</summary>
internal enum ChoiceOperator
{
    /// <summary><c>StringEquals</c>.</summary>
    StringEquals,

    /// <summary><c>StringLessThan</c>.</summary>
    StringLessThan,

    /// <summary><c>StringGreaterThan</c>.</summary>
    StringGreaterThan,

    /// <summary><c>StringLessThanEquals</c>.</summary>
    StringLessThanEquals,

    /// <summary><c>StringGreaterThanEquals</c>.</summary>
    StringGreaterThanEquals,

    /// <summary><c>StringMatches</c>.</summary>
    StringMatches,

    /// <summary><c>NumericEquals</c>.</summary>
    NumericEquals,

    /// <summary><c>NumericLessThan</c>.</summary>
    NumericLessThan,

    /// <summary><c>NumericGreaterThan</c>.</summary>
    NumericGreaterThan,

    /// <summary><c>NumericLessThanEquals</c>.</summary>
    NumericLessThanEquals,

    /// <summary><c>NumericGreaterThanEquals</c>.</summary>
    NumericGreaterThanEquals,

    /// <summary><c>BooleanEquals</c>.</summary>
    BooleanEquals,

    /// <summary><c>TimestampEquals</c>.</summary>
    TimestampEquals,

    /// <summary><c>TimestampLessThan</c>.</summary>
    TimestampLessThan,

    /// <summary><c>TimestampGreaterThan</c>.</summary>
    TimestampGreaterThan,

    /// <summary><c>TimestampLessThanEquals</c>.</summary>
    TimestampLessThanEquals,

    /// <summary><c>TimestampGreaterThanEquals</c>.</summary>
    TimestampGreaterThanEquals,

    /// <summary><c>IsNull</c>.</summary>
    IsNull,

    /// <summary><c>IsPresent</c>.</summary>
    IsPresent,

    /// <summary><c>IsNumeric</c>.</summary>
    IsNumeric,

    /// <summary><c>IsString</c>.</summary>
    IsString,

    /// <summary><c>IsBoolean</c>.</summary>
    IsBoolean,

    /// <summary><c>IsTimestamp</c>.</summary>
    IsTimestamp,
}

/// <summary>The type a comparison operator compares.</summary>
internal enum ChoiceOperatorFamily
{
    /// <summary>Strings (ordinal).</summary>
    String,

    /// <summary>Numbers.</summary>
    Numeric,

    /// <summary>Booleans.</summary>
    Boolean,

    /// <summary>RFC 3339 timestamps.</summary>
    Timestamp,

    /// <summary>A type test (<c>Is…</c>), whose operand is a boolean.</summary>
    Test,
}

/// <summary>The relation a comparison operator tests.</summary>
internal enum ChoiceRelation
{
    /// <summary>Not a relation (<c>StringMatches</c>, the <c>Is…</c> tests).</summary>
    None,

    /// <summary><c>…Equals</c>.</summary>
    Equals,

    /// <summary><c>…LessThan</c>.</summary>
    LessThan,

    /// <summary><c>…GreaterThan</c>.</summary>
    GreaterThan,

    /// <summary><c>…LessThanEquals</c>.</summary>
    LessThanEquals,

    /// <summary><c>…GreaterThanEquals</c>.</summary>
    GreaterThanEquals,
}

/// <summary>Names and properties of <see cref="ChoiceOperator"/>.</summary>
internal static class ChoiceOperators
{
    /// <summary>Reads an operator name as written in a rule; <c>…Path</c> variants set <paramref name="isPath"/>.</summary>
    /// <returns>False when <paramref name="name"/> is not an operator.</returns>
    public static bool TryParse(string name, out ChoiceOperator @operator, out bool isPath)
    {
        isPath = name.EndsWith("Path", StringComparison.Ordinal) && name != "Path";
        var baseName = isPath ? name[..^4] : name;
        if (!Enum.TryParse(baseName, ignoreCase: false, out @operator) || !Enum.IsDefined(@operator) || baseName != @operator.ToString())
        {
            return false;
        }

        // Only relations have …Path variants.
        return !isPath || Relation(@operator) != ChoiceRelation.None;
    }

    /// <summary>What the operator compares.</summary>
    public static ChoiceOperatorFamily Family(ChoiceOperator @operator) => @operator switch
    {
        <= ChoiceOperator.StringMatches => ChoiceOperatorFamily.String,
        <= ChoiceOperator.NumericGreaterThanEquals => ChoiceOperatorFamily.Numeric,
        ChoiceOperator.BooleanEquals => ChoiceOperatorFamily.Boolean,
        <= ChoiceOperator.TimestampGreaterThanEquals => ChoiceOperatorFamily.Timestamp,
        _ => ChoiceOperatorFamily.Test,
    };

    /// <summary>The relation the operator tests.</summary>
    public static ChoiceRelation Relation(ChoiceOperator @operator)
    {
        if (@operator is ChoiceOperator.StringMatches || Family(@operator) == ChoiceOperatorFamily.Test)
        {
            return ChoiceRelation.None;
        }

        var name = @operator.ToString();
        return name.EndsWith("LessThanEquals", StringComparison.Ordinal) ? ChoiceRelation.LessThanEquals
            : name.EndsWith("GreaterThanEquals", StringComparison.Ordinal) ? ChoiceRelation.GreaterThanEquals
            : name.EndsWith("LessThan", StringComparison.Ordinal) ? ChoiceRelation.LessThan
            : name.EndsWith("GreaterThan", StringComparison.Ordinal) ? ChoiceRelation.GreaterThan
            : ChoiceRelation.Equals;
    }
}
