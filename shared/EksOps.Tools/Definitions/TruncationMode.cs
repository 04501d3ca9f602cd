namespace EksOps.Tools;

/// <summary>Which end of an over-long result is kept when it is cut to the tool's output cap.</summary>
public enum TruncationMode
{
    /// <summary>Keep the beginning: later array items and the ends of long strings are cut (listings, objects).</summary>
    KeepStart,

    /// <summary>Keep the end: earlier array items and the starts of long strings are cut (logs, where the newest lines matter).</summary>
    KeepEnd,
}
