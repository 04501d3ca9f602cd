using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using EksOps.Diagnosis.Internal;
using EksOps.Tools;

namespace EksOps.Diagnosis.Evidence;

/// <summary>
/// Makes every read of a diagnosis through <see cref="ToolRegistry.InvokeAsync"/> (the path agents use: validation,
/// policy, redaction, caps) and enforces the budget: no call starts once the calls, bytes or time are used up.
/// </summary>
internal sealed class EvidenceCollector
{
    private readonly ToolRegistry _registry;
    private readonly DiagnosisRequest _request;
    private readonly string _cluster;
    private readonly DiagnosisBudget _budget;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly List<EvidenceRecord> _records = [];
    private long _bytes;
    private int _skipped;
    private string? _exhaustedBy;

    public EvidenceCollector(ToolRegistry registry, DiagnosisRequest request, string cluster, DiagnosisBudget budget)
    {
        _registry = registry;
        _request = request;
        _cluster = cluster;
        _budget = budget;
    }

    public IReadOnlyList<EvidenceRecord> Records => _records;

    public bool Exhausted => _exhaustedBy is not null;

    /// <summary>Calls a read tool; the content on success, <see langword="null"/> on any failure or when the budget is spent.</summary>
    public async Task<(JsonObject? Content, string EvidenceId)> CallAsync(string tool, JsonObject arguments, string purpose)
    {
        if (Limit() is { } limit)
        {
            _exhaustedBy ??= limit;
            _skipped++;
            return (null, string.Empty);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_request.CancellationToken);
        deadline.CancelAfter(_budget.MaxDuration - _clock.Elapsed);
        var id = "E" + (_records.Count + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var argumentText = JsonFields.Compact(arguments);
        var result = await _registry.InvokeAsync(tool, arguments, new ToolInvocationContext
        {
            ClusterName = _cluster,
            Caller = _request.Caller,
            Logger = _request.Logger,
            Metrics = _request.Metrics,
            CancellationToken = deadline.Token,
        }).ConfigureAwait(false);
        var bytes = Encoding.UTF8.GetByteCount(result.ToJsonText());
        _bytes += bytes;
        _records.Add(new EvidenceRecord
        {
            Id = id,
            Tool = tool,
            Arguments = argumentText,
            Outcome = result.Outcome == ToolOutcome.Success ? "Success" : $"{result.Outcome} ({result.ErrorCode})",
            Bytes = bytes,
            Truncated = result.Truncation is not null,
            Purpose = purpose,
        });
        return (result.Outcome == ToolOutcome.Success ? result.Content : null, id);
    }

    public BudgetUsage Usage() => new()
    {
        Budget = _budget,
        Calls = _records.Count,
        Bytes = _bytes,
        Elapsed = _clock.Elapsed,
        Skipped = _skipped,
        ExhaustedBy = _exhaustedBy,
    };

    private string? Limit()
    {
        if (_records.Count >= _budget.MaxCalls)
        {
            return "calls";
        }

        if (_bytes >= _budget.MaxBytes)
        {
            return "bytes";
        }

        return _clock.Elapsed >= _budget.MaxDuration ? "time" : null;
    }
}
