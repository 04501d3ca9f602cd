using Microsoft.Extensions.Hosting;

namespace EksOps.Simulation.CloudWatch;

/// <summary>A host lifetime that neither listens for Ctrl+C/SIGTERM nor prints anything: the server lives as long as its owner keeps it.</summary>
internal sealed class SilentHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
