using System.Text;
using Amazon.Runtime;
using EksOps.Aws.BedrockAgentRuntime;
using EksOps.Aws.Http;

namespace EksOps.Aws.Tests.BedrockAgentRuntime;

/// <summary>
/// The InvokeAgent request as AWSSDK.Core's signer (installed exactly as the pipeline installs it) signs it, compared
/// with signatures computed independently by botocore 1.43.11 (<c>SigV4Auth</c>, service <c>bedrock</c>) for the same
/// request, headers and time: botocore encodes the already-encoded path once more, so <c>user:42</c> travels as
/// <c>user%3A42</c> and is signed as <c>user%253A42</c>.
/// </summary>
public sealed class InvokeAgentSigningTests
{
    private static readonly DateTime SignedAt = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    [Theory]
    [InlineData("session-1", "/agents/AGENT12345/agentAliases/TSTALIASID/sessions/session-1/text", "2adf05f7e1ef4bcf6ea43fd1ab03602ac2bc07f849d0c271f85ba60df771d177")]
    [InlineData("user:42", "/agents/AGENT12345/agentAliases/TSTALIASID/sessions/user%3A42/text", "6b0aeaea5b1ef16c48cb85f0b1619e1d01d9960332b0085119549eae6bbff2ba")]
    [InlineData("incident 7/api", "/agents/AGENT12345/agentAliases/TSTALIASID/sessions/incident%207%2Fapi/text", "f3a73372ae1764a323754b310cc3dd70ad2a3ad151a885d989e04d5704b89b14")]
    public async Task The_signature_of_an_InvokeAgent_request_matches_botocores(string sessionId, string wirePath, string botocoreSignature)
    {
        var capture = new CapturingHandler();
        using var invoker = new HttpMessageInvoker(AwsHttpPipeline.CreateSigningHandler(
            new BasicAWSCredentials(FakeBedrockAgentRuntime.AccessKey, FakeBedrockAgentRuntime.SecretKey), "us-east-1", capture, SignedAt));
        using var request = new HttpRequestMessage(
            HttpMethod.Post,
            new Uri(new Uri("https://bedrock-agent-runtime.us-east-1.amazonaws.com/"), BedrockAgentRuntimeClient.InvokeAgentPath("AGENT12345", "TSTALIASID", sessionId)))
        {
            Content = new StringContent("""{"inputText":"hi"}""", Encoding.UTF8, "application/json"),
        };
        AwsHttpPipeline.SetSigningScope(request, BedrockAgentRuntimeClient.SigningName, "us-east-1");

        using var response = await invoker.SendAsync(request, TestContext.Current.CancellationToken);

        var sent = capture.Request!;
        Assert.Equal(wirePath, sent.RequestUri!.AbsolutePath);
        Assert.Equal(
            $"AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=content-length;content-type;host;x-amz-content-sha256;x-amz-date, Signature={botocoreSignature}",
            sent.Headers.GetValues("Authorization").Single());
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
        }
    }
}
