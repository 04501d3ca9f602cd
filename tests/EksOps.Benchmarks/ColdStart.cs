using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EksOps.Benchmarks;

/// <summary>
/// Cold start as Lambda pays it before the first invocation: from spawning the process to the moment its first
/// <c>GET /next</c> reaches the Runtime API. A bare TCP listener stands in for the Runtime API so the measurement
/// includes nothing of the server but accept and read.
/// </summary>
internal static class ColdStart
{
    public static async Task<double[]> MeasureAsync(string path, int runs, IReadOnlyDictionary<string, string> environment)
    {
        var samples = new double[runs];
        for (var run = 0; run < runs; run++)
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var start = new ProcessStartInfo(path.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : path)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            if (path.EndsWith(".dll", StringComparison.Ordinal))
            {
                start.ArgumentList.Add(path);
            }

            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            start.Environment["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{port}";
            var began = Stopwatch.GetTimestamp();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {path}");
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            using var client = await listener.AcceptTcpClientAsync(timeout.Token);
            await ReadRequestHeadAsync(client.GetStream(), timeout.Token);
            samples[run] = Stopwatch.GetElapsedTime(began).TotalMilliseconds;
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return samples;
    }

    private static async Task ReadRequestHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new byte[4096];
        var head = new StringBuilder();
        while (!head.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                throw new IOException("the process closed the connection before sending GET /next");
            }

            head.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        if (!head.ToString().StartsWith("GET /2018-06-01/runtime/invocation/next ", StringComparison.Ordinal))
        {
            throw new IOException($"expected GET /next, got: {head.ToString().Split('\r')[0]}");
        }
    }
}
