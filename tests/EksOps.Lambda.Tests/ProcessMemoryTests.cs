using System.Reflection;
using EksOps.Lambda.Tests.Support;

namespace EksOps.Lambda.Tests;

/// <summary>A function process's resident memory, read from <c>/proc/&lt;pid&gt;/status</c> for sizing.</summary>
public sealed class ProcessMemoryTests
{
    private static string TestFunctionPath =>
        typeof(ProcessMemoryTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "TestFunctionPath").Value!;

    [Fact]
    public void The_resident_set_and_its_peak_are_read_from_the_status_lines_in_bytes()
    {
        string[] status =
        [
            "Name:\tbootstrap",
            "VmPeak:\t  912345 kB",
            "VmHWM:\t   61440 kB",
            "VmRSS:\t   40960 kB",
            "Threads:\t9",
        ];

        var memory = ProcessMemory.Parse(status);

        Assert.Equal(new ProcessMemory(40960L * 1024, 61440L * 1024), memory);
    }

    [Fact]
    public void Status_lines_without_memory_lines_are_no_measurement_and_malformed_ones_are_an_error()
    {
        // A zombie's status has no Vm* lines.
        Assert.Null(ProcessMemory.Parse(["Name:\tbootstrap", "State:\tZ (zombie)"]));
        Assert.Null(ProcessMemory.Parse(["VmRSS:\t 1024 kB"]));

        var error = Assert.Throws<FormatException>(() => ProcessMemory.Parse(["VmHWM:\t lots", "VmRSS:\t 1024 kB"]));
        Assert.Contains("VmHWM:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_process_that_does_not_exist_has_no_memory_to_read()
    {
        // Above Linux's largest pid_max (2^22), so never a live process.
        Assert.Null(ProcessMemory.Read(int.MaxValue));
    }

    [Fact]
    public async Task A_running_function_process_reports_its_memory_and_an_ended_one_reports_none()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "/proc is Linux-only.");
        await using var server = await RuntimeApiServer.StartAsync(cancellationToken: Wait.Token);
        await using var function = LambdaProcess.Start(server, new LambdaProcessOptions { Path = TestFunctionPath, FunctionName = "echo" });
        var result = await server.InvokeAsync("""{"Message":"hi"}""", cancellationToken: Wait.Token).Bounded();
        Assert.False(result.IsError, result.ToString());

        var memory = function.ReadMemory();

        Assert.NotNull(memory);
        // A .NET process that has served an invocation holds at least a few MB, and the peak is never below the present.
        Assert.True(memory.ResidentBytes > 1024 * 1024, $"resident {memory.ResidentBytes} bytes");
        Assert.True(memory.PeakResidentBytes >= memory.ResidentBytes, $"peak {memory.PeakResidentBytes} < resident {memory.ResidentBytes}");

        await server.DisposeAsync();
        await function.WaitForExitAsync(Wait.Token).Bounded();

        Assert.Null(function.ReadMemory());
    }
}
