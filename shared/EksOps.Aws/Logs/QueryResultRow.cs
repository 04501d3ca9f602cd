namespace EksOps.Aws.Logs;

/// <summary>One row of query results: its fields in the order the service returned them.</summary>
public sealed class QueryResultRow
{
    /// <summary>Creates a row.</summary>
    /// <param name="fields">The fields.</param>
    public QueryResultRow(IReadOnlyList<QueryResultField> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields;
    }

    /// <summary>The fields.</summary>
    public IReadOnlyList<QueryResultField> Fields { get; }

    /// <summary>The value of a field (first match), or null when the row has none.</summary>
    /// <param name="field">The field name, e.g. <c>@message</c>.</param>
    public string? this[string field] => Fields.FirstOrDefault(f => f.Field == field)?.Value;
}
