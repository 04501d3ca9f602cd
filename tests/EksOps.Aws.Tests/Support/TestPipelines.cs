using Amazon.Runtime;
using EksOps.Aws.Http;

namespace EksOps.Aws.Tests.Support;

internal static class TestPipelines
{
    public static readonly BasicAWSCredentials Credentials = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");

    /// <summary>A pipeline whose every service goes to <paramref name="endpoint"/>, with no environment.</summary>
    public static AwsHttpPipeline For(Uri endpoint, TimeProvider? time = null, Action<AwsClientOptions>? configure = null)
    {
        var options = new AwsClientOptions
        {
            Region = "us-east-1",
            Credentials = Credentials,
            GetEnvironmentVariable = name => name == AwsEnvironment.EndpointVariable ? endpoint.ToString() : null,
            TimeProvider = time ?? new RecordingTimeProvider(),
        };
        configure?.Invoke(options);
        return new AwsHttpPipeline(options);
    }
}
