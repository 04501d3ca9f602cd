using System.Globalization;

namespace EksOps.Benchmarks.Sizing;

/// <summary>
/// The CPU time a process's threads have run, per thread, from <c>/proc/&lt;pid&gt;/task/&lt;tid&gt;/schedstat</c>
/// (nanoseconds on a CPU). Two readings taken around an invocation give the CPU it cost, which is what a smaller
/// Lambda memory size, and with it a smaller share of a vCPU, stretches.
/// </summary>
internal static class ProcessCpu
{
    /// <summary>Each live thread's CPU time so far, in nanoseconds; <see langword="null"/> when the process cannot be read.</summary>
    public static Dictionary<int, long>? Threads(int processId)
    {
        var threads = new Dictionary<int, long>();
        try
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/task"))
            {
                try
                {
                    var first = File.ReadAllText(Path.Combine(task, "schedstat")).Split(' ', 2)[0];
                    threads[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = long.Parse(first, CultureInfo.InvariantCulture);
                }
                catch (IOException)
                {
                    // The thread ended while the folder was read: what it ran is lost to both readings alike.
                }
            }
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        return threads;
    }

    /// <summary>
    /// The CPU time run between two readings, in milliseconds: for threads in both, the difference; for threads that
    /// started in between, all of theirs. A thread that ended in between loses its share (thread-pool threads retire
    /// after seconds idle, so rarely inside one invocation).
    /// </summary>
    public static double Between(Dictionary<int, long> before, Dictionary<int, long> after)
    {
        long nanoseconds = 0;
        foreach (var (thread, ran) in after)
        {
            nanoseconds += before.TryGetValue(thread, out long earlier) ? Math.Max(0, ran - earlier) : ran;
        }

        return nanoseconds / 1e6;
    }
}
