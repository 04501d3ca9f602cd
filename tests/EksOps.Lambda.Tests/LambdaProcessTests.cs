using System.Reflection;
using EksOps.Lambda.Tests.Support;

namespace EksOps.Lambda.Tests;

/// <summary>The runtime as Lambda runs it: a separate process that finds the Runtime API in its environment.</summary>
public sealed class LambdaProcessTests
{
    private static string TestFunctionPath =>
        typeof(LambdaProcessTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestFunctionPath").Value!;

    /// <summary>
    /// Writes a shell script to run with <c>/bin/sh</c>. (Executing a freshly written file directly can fail with
    /// ETXTBSY while another test forks a process.)
    /// </summary>
    private static string Script(string body)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Shell scripts and /proc are Linux-only.");
        var path = Path.Combine(Path.GetTempPath(), $"eksops-lambda-{Guid.NewGuid():N}.sh");
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        return path;
    }

    /// <summary>Whether a process still runs (a zombie waiting to be reaped does not).</summary>
    private static bool IsRunning(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        try
        {
            var text = File.ReadAllText(stat);
            var state = text[(text.LastIndexOf(')') + 2)..][0];
            return state is not ('Z' or 'X');
        }
        catch (IOException)
        {
            return false;
        }
    }

    [Fact]
    public async Task The_child_gets_the_Lambda_environment_and_its_output_and_exit_code_are_captured()
    {
        var script = Script("""
            echo "api=$AWS_LAMBDA_RUNTIME_API"
            echo "function=$AWS_LAMBDA_FUNCTION_NAME/$AWS_LAMBDA_FUNCTION_VERSION/$AWS_LAMBDA_FUNCTION_MEMORY_SIZE"
            echo "logs=$AWS_LAMBDA_LOG_GROUP_NAME|$AWS_LAMBDA_LOG_FORMAT|$AWS_LAMBDA_LOG_LEVEL"
            echo "region=$AWS_REGION"
            echo "extra=$EXTRA_SETTING"
            echo "removed=${HOME_OVERRIDE-unset}"
            echo "problem" >&2
            exit 3
            """);
        try
        {
            await using var process = LambdaProcess.Start("127.0.0.1:9001", new LambdaProcessOptions
            {
                Path = "/bin/sh",
                Arguments = [script],
                FunctionName = "diagnose",
                FunctionVersion = "12",
                MemorySizeMB = 1024,
                Region = "eu-central-1",
                LogFormat = "JSON",
                LogLevel = "DEBUG",
                Environment = new Dictionary<string, string?> { ["EXTRA_SETTING"] = "on", ["HOME_OVERRIDE"] = null },
            });

            Assert.Equal(3, await process.WaitForExitAsync(Wait.Token).Bounded());
            Assert.True(process.HasExited);
            Assert.Equal(3, process.ExitCode);
            Assert.Equal(
                [
                    "api=127.0.0.1:9001",
                    "function=diagnose/12/1024",
                    "logs=/aws/lambda/diagnose|JSON|DEBUG",
                    "region=eu-central-1",
                    "extra=on",
                    "removed=unset",
                ],
                process.StandardOutput);
            Assert.Equal(["problem"], process.StandardError);
            Assert.Equal("127.0.0.1:9001", process.Environment["AWS_LAMBDA_RUNTIME_API"]);
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task Disposing_kills_the_process_and_its_children()
    {
        var script = Script("""
            sleep 300 &
            echo "child=$!"
            wait
            """);
        try
        {
            int child;
            LambdaProcess process;
            await using (process = LambdaProcess.Start("127.0.0.1:9001", new LambdaProcessOptions { Path = "/bin/sh", Arguments = [script] }))
            {
                var line = await process.WaitForOutputAsync(l => l.StartsWith("child=", StringComparison.Ordinal), Wait.Token).Bounded();
                child = int.Parse(line["child=".Length..], System.Globalization.CultureInfo.InvariantCulture);
                Assert.False(process.HasExited);
                Assert.True(IsRunning(child));
            }

            Assert.True(process.HasExited);
            Assert.False(IsRunning(process.Id));

            // SIGKILL reaches the grandchild asynchronously: it must be gone soon, not necessarily at once.
            var deadline = DateTimeOffset.UtcNow + Wait.Generous;
            while (IsRunning(child) && DateTimeOffset.UtcNow < deadline)
            {
                await Task.Delay(20, Wait.Token);
            }

            Assert.False(IsRunning(child), $"process {child} survived its parent's disposal");
        }
        finally
        {
            File.Delete(script);
        }
    }

    [Fact]
    public async Task A_function_executable_serves_invocations_from_the_Runtime_API_in_its_environment()
    {
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: Wait.Token);
        await using var function = LambdaProcess.Start(server, new LambdaProcessOptions
        {
            Path = TestFunctionPath,
            FunctionName = "echo",
            MemorySizeMB = 1024,
            Region = "eu-west-3",
        });

        const string Trace = "Root=1-65a1b2c3-abcdefabcdefabcdefabcdef;Parent=1234567890abcdef;Sampled=1";
        var result = await server.InvokeAsync("""{"Message":"hi"}""", new InvocationOptions { TraceId = Trace }, Wait.Token).Bounded();
        var firstNext = await server.FirstNextRequest.Bounded();

        Assert.False(result.IsError, result.ToString() + string.Join('\n', function.StandardOutput));
        var response = JsonDocument.Parse(result.Payload).RootElement;
        Assert.Equal("hi", response.GetProperty("Message").GetString());
        Assert.Equal("echo", response.GetProperty("FunctionName").GetString());
        Assert.Equal(1024, response.GetProperty("MemoryLimitInMB").GetInt32());
        Assert.Equal("eu-west-3", response.GetProperty("Region").GetString());
        Assert.Equal(Trace, response.GetProperty("TraceEnvironmentVariable").GetString());
        Assert.True(firstNext >= function.StartedAt, "the cold start ends after the process started");
        var log = await function.WaitForOutputAsync(line => line.Contains("echo hi", StringComparison.Ordinal), Wait.Token).Bounded();
        Assert.Contains(result.RequestId, log, StringComparison.Ordinal);

        await server.DisposeAsync();

        Assert.Equal(1, await function.WaitForExitAsync(Wait.Token).Bounded());
    }

    [Fact]
    public async Task A_function_whose_initialization_fails_reports_it_and_exits_with_1()
    {
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: Wait.Token);
        await using var function = LambdaProcess.Start(server, new LambdaProcessOptions
        {
            Path = TestFunctionPath,
            LogFormat = "JSON",
            Environment = new Dictionary<string, string?> { ["TEST_FUNCTION_FAIL_INIT"] = "true" },
        });

        var error = await server.InitErrorReported.Bounded();

        Assert.Equal("InvalidOperationException", error.ErrorType);
        Assert.Equal("Initialization failed on purpose.", error.ErrorMessage);
        Assert.Equal(1, await function.WaitForExitAsync(Wait.Token).Bounded());
        var fatal = JsonDocument.Parse(Assert.Single(function.StandardOutput)).RootElement;
        Assert.Equal("FATAL", fatal.GetProperty("level").GetString());
        Assert.Equal(0, server.NextRequestCount);
    }
}
