using System.Globalization;

namespace EksOps.Lambda.Testing;

/// <summary>
/// A process's resident memory as the Linux kernel accounts it (<c>/proc/&lt;pid&gt;/status</c>): the resident set now
/// (<c>VmRSS</c>) and its high-water mark since the process started (<c>VmHWM</c>). The peak is the figure to size a
/// Lambda function's memory from, since Lambda reports a sandbox's "Max Memory Used".
/// </summary>
/// <param name="ResidentBytes">The resident set now (<c>VmRSS</c>), in bytes.</param>
/// <param name="PeakResidentBytes">The largest resident set so far (<c>VmHWM</c>), in bytes.</param>
public sealed record ProcessMemory(long ResidentBytes, long PeakResidentBytes)
{
    /// <summary>Reads the memory of process <paramref name="processId"/>.</summary>
    /// <param name="processId">The process id.</param>
    /// <returns>
    /// The memory; <see langword="null"/> when there is no such process, it has exited (a zombie has no memory
    /// lines), or <c>/proc</c> does not exist (not Linux).
    /// </returns>
    public static ProcessMemory? Read(int processId)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Gone between the caller's check and the read, or never there: there is nothing to measure.
            return null;
        }

        return Parse(lines);
    }

    /// <summary>Reads <c>VmRSS</c> and <c>VmHWM</c> from the lines of a <c>/proc/&lt;pid&gt;/status</c> file.</summary>
    /// <param name="statusLines">The file's lines.</param>
    /// <returns>The memory; <see langword="null"/> when either line is missing.</returns>
    /// <exception cref="FormatException">A memory line is not <c>Name: &lt;number&gt; kB</c>.</exception>
    public static ProcessMemory? Parse(IEnumerable<string> statusLines)
    {
        ArgumentNullException.ThrowIfNull(statusLines);
        long? resident = null;
        long? peak = null;
        foreach (var line in statusLines)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) * 1024;
            }
        }

        return resident is { } r && peak is { } p ? new ProcessMemory(r, p) : null;
    }

    private static long Kilobytes(string line)
    {
        var fields = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        return fields.Length == 2 && fields[1] == "kB" && long.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"expected \"<name>: <number> kB\" but found \"{line}\"");
    }
}
