using System.Text.RegularExpressions;

namespace EksOps.Diagnosis.Analyzers;

/// <summary>The log signatures the log analyzer looks for, across common runtimes (Go, JVM, Node.js, Python, .NET).</summary>
internal static partial class LogPatterns
{
    public static bool IsDnsFailure(string text) => Dns().IsMatch(text);

    public static bool IsDnsLine(string line) => Dns().IsMatch(line);

    public static bool IsConnectionFailureLine(string line) => Connection().IsMatch(line);

    public static bool IsOutOfMemoryLine(string line) => OutOfMemory().IsMatch(line);

    public static bool IsCrashLine(string line) => Crash().IsMatch(line);

    /// <summary>The host a failing connection or lookup names: <c>host=…</c>, <c>"host":"…"</c>, <c>dial tcp H:P</c>, <c>lookup H</c>, a URL, or <c>ADDR:PORT</c>.</summary>
    public static string? Host(string line)
    {
        foreach (var pattern in new[] { HostField(), Lookup(), UrlHost(), DialTcp(), AddressPort() })
        {
            var match = pattern.Match(line);
            if (match.Success)
            {
                return match.Groups["host"].Value.TrimEnd('.', ',', ';');
            }
        }

        return null;
    }

    [GeneratedRegex(@"no such host|EAI_AGAIN|ENOTFOUND|Temporary failure in name resolution|Name or service not known|UnknownHostException|server misbehaving|NXDOMAIN|[Cc]ould not resolve host|name resolution failed|getaddrinfo", RegexOptions.CultureInvariant)]
    private static partial Regex Dns();

    [GeneratedRegex(@"connection refused|ECONNREFUSED|ETIMEDOUT|ECONNRESET|EHOSTUNREACH|connect: connection timed out|[Cc]onnection timed out|i/o timeout|[Cc]onnection reset|no route to host|[Cc]onnect(ion)? timeout|[Cc]onnect(ion)? timed out|Connect(ion)?TimeoutException|Command timed out|dial error|failed to connect|[Cc]ould not connect|[Uu]nable to connect|ConnectException|[Cc]onnection (was )?closed", RegexOptions.CultureInvariant)]
    private static partial Regex Connection();

    [GeneratedRegex(@"OutOfMemoryError|[Oo]ut of memory|heap out of memory|Cannot allocate memory|\bMemoryError\b|std::bad_alloc|OOMKilled", RegexOptions.CultureInvariant)]
    private static partial Regex OutOfMemory();

    [GeneratedRegex(@"\bpanic\b|""level"":""fatal""|\bFATAL\b|\bfatal error\b|Traceback \(most recent call last\)|Exception in thread|APPLICATION FAILED TO START|Cannot find module|Unhandled exception|[Ss]egmentation fault|SIGSEGV|uncaughtException|\bError: |Exception: |Caused by: |^\s+at [\w$.<>/]+\(", RegexOptions.CultureInvariant | RegexOptions.Multiline)]
    private static partial Regex Crash();

    [GeneratedRegex(@"(?:\bhost[""']?\s*[=:]\s*[""'`]?)(?<host>[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex HostField();

    [GeneratedRegex(@"(?:lookup|getaddrinfo \w+|resolve host:?)\s+(?<host>[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex Lookup();

    [GeneratedRegex(@"[a-z]+://(?:[^@/\s]+@)?(?<host>[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9])", RegexOptions.CultureInvariant)]
    private static partial Regex UrlHost();

    [GeneratedRegex(@"dial tcp (?<host>[A-Za-z0-9][A-Za-z0-9.\-]*[A-Za-z0-9]):\d+", RegexOptions.CultureInvariant)]
    private static partial Regex DialTcp();

    [GeneratedRegex(@"(?<host>(?:\d{1,3}\.){3}\d{1,3}):\d{2,5}", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPort();
}
