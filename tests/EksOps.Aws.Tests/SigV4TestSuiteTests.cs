using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;
using EksOps.Aws.Http;
using EksOps.Aws.Tests.Support;

namespace EksOps.Aws.Tests;

/// <summary>
/// The official SigV4 suite (botocore's copy of aws-sig-v4-test-suite) through AWSSDK.Core's signer, both as raw
/// signing math and as our pipeline calls it (the same <c>SigV4SigningHandler</c> factory and per-request scope).
/// </summary>
public sealed class SigV4TestSuiteTests
{
    private const string AccessKey = "AKIDEXAMPLE";
    private const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private const string Region = "us-east-1";
    private const string Service = "service";
    private const string Scope = "20150830/us-east-1/service/aws4_request";
    private static readonly DateTime SignedAt = new(2015, 8, 30, 12, 36, 0, DateTimeKind.Utc);

    /// <summary>
    /// Where the signer, fed an <see cref="HttpRequestMessage"/>, canonicalises differently from the suite, and exactly
    /// how: the test asserts these canonical paths/queries instead of the suite's, so any change in AWSSDK.Core shows up.
    /// None of them touches our clients, which only ever <c>POST /</c> without a query.
    /// </summary>
    private static readonly Dictionary<string, (string Path, string? Query, string Why)> KnownDeviations = new(StringComparer.Ordinal)
    {
        // System.Uri percent-encodes the raw path for the wire; for non-S3 services the signer encodes that wire path
        // again (AWS's "encode twice" rule). The suite writes the raw path into the .req and expects one encoding.
        ["get-utf8"] = ("/%25E1%2588%25B4", null, "wire path encoded again"),
        ["normalize-path/get-space"] = ("/example%2520space/", null, "wire path encoded again"),
        // The signer does not collapse empty path segments (botocore does).
        ["normalize-path/get-slash"] = ("//", null, "no `//` collapsing"),
        ["normalize-path/get-slashes"] = ("//example//", null, "no `//` collapsing"),
        // The signer sorts query parameters by decoded name ("Param" < "Param-3" < "ሴ"); SigV4 sorts encoded names
        // ("%E1%88%B4" first). A real AWSSDK.Core deviation, for non-ASCII query keys only.
        ["get-vanilla-query-order-encoded"] = ("/", "Param=Value2&Param-3=Value3&%E1%88%B4=Value1", "query sorted by decoded name"),
    };

    public static TheoryData<string> Cases() => new(SigV4Case.All());

    [Fact]
    public void The_suite_copy_has_all_34_cases()
    {
        Assert.Equal(34, SigV4Case.All().Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void The_string_to_sign_and_Authorization_follow_from_the_canonical_request(string name)
    {
        var suite = SigV4Case.Load(name);

        Assert.Equal(suite.StringToSign, StringToSign(suite.CanonicalRequest));
        var signed = AWS4Signer.ComputeSignature(AccessKey, SecretKey, Region, SignedAt, Service, suite.SignedHeaders, suite.CanonicalRequest);
        Assert.Equal(suite.Authorization, AuthorizationHeader(suite.SignedHeaders, signed.Signature));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_pipeline_signing_handler_signs_the_suite_canonical_request_plus_its_payload_hash_header(string name)
    {
        var suite = SigV4Case.Load(name);

        var parsed = ParsedRequest.Parse(suite.Request);
        var token = parsed.RemoveHeader("X-Amz-Security-Token") ?? suite.TokenInCanonicalRequest;
        AWSCredentials credentials = token is null || name.EndsWith("post-sts-header-after", StringComparison.Ordinal)
            ? new BasicAWSCredentials(AccessKey, SecretKey)
            : new SessionAWSCredentials(AccessKey, SecretKey, token);

        var capture = new CapturingHandler();
        using var invoker = new HttpMessageInvoker(AwsHttpPipeline.CreateSigningHandler(credentials, Region, capture, SignedAt));
        using var request = parsed.ToHttpRequest();
        AwsHttpPipeline.SetSigningScope(request, Service, Region);
        using var response = await invoker.SendAsync(request, TestContext.Current.CancellationToken);

        var sent = capture.Request!;
        Assert.Equal(parsed.Date, sent.Headers.GetValues("X-Amz-Date").Single());
        Assert.Equal(suite.PayloadHash, sent.Headers.GetValues("X-Amz-Content-SHA256").Single());
        if (token is not null && credentials is SessionAWSCredentials)
        {
            Assert.Equal(token, sent.Headers.GetValues("X-Amz-Security-Token").Single());
        }

        // What the handler signs is the suite's canonical request plus the headers it always adds: x-amz-content-sha256,
        // and content-length when there is a body. A matching signature over that request proves the handler built
        // exactly this canonical request and string to sign.
        var extra = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["x-amz-content-sha256"] = suite.PayloadHash };
        if (sent.Content is not null)
        {
            extra["content-length"] = sent.Content.Headers.ContentLength!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var lines = suite.CanonicalLines;
        if (KnownDeviations.TryGetValue(name, out var deviation))
        {
            lines = [lines[0], deviation.Path, deviation.Query ?? lines[2], .. lines[3..]];
        }

        var (canonical, signedHeaders) = WithHeaders(lines, extra);
        var expected = AWS4Signer.ComputeSignature(AccessKey, SecretKey, Region, SignedAt, Service, signedHeaders, canonical);
        Assert.Equal(AuthorizationHeader(signedHeaders, expected.Signature), sent.Headers.GetValues("Authorization").Single());
    }

    private static string StringToSign(string canonicalRequest) =>
        "AWS4-HMAC-SHA256\n20150830T123600Z\n" + Scope + "\n" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)));

    private static string AuthorizationHeader(string signedHeaders, string signature) =>
        $"AWS4-HMAC-SHA256 Credential={AccessKey}/{Scope}, SignedHeaders={signedHeaders}, Signature={signature}";

    /// <summary>Adds header lines to a canonical request in sorted position and to its signed-header list.</summary>
    private static (string Canonical, string SignedHeaders) WithHeaders(string[] lines, SortedDictionary<string, string> extra)
    {
        var blank = Array.IndexOf(lines, string.Empty, 3);
        var headers = lines[3..blank].Select(l => (Name: l[..l.IndexOf(':', StringComparison.Ordinal)], Line: l)).ToList();
        headers.AddRange(extra.Select(e => (Name: e.Key, Line: e.Key + ":" + e.Value)));
        headers.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        var signedHeaders = string.Join(';', headers.Select(h => h.Name));
        var canonical = string.Join('\n', lines[..3].Concat(headers.Select(h => h.Line)).Append(string.Empty).Append(signedHeaders).Append(lines[^1]));
        return (canonical, signedHeaders);
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

    /// <summary>A .req file as an HTTP request: request line, <c>Name:value</c> headers (obs-folded lines unfolded), body.</summary>
    private sealed class ParsedRequest
    {
        private readonly List<KeyValuePair<string, string>> _headers = [];

        private ParsedRequest(string method, string target, string body)
        {
            Method = method;
            Target = target;
            Body = body;
        }

        public string Method { get; }

        public string Target { get; }

        public string Body { get; }

        public string Host => _headers.First(h => h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase)).Value;

        public string Date => _headers.First(h => h.Key.Equals("X-Amz-Date", StringComparison.OrdinalIgnoreCase)).Value;

        public static ParsedRequest Parse(string text)
        {
            var split = text.IndexOf("\n\n", StringComparison.Ordinal);
            var head = split < 0 ? text : text[..split];
            var body = split < 0 ? string.Empty : text[(split + 2)..];
            var lines = head.Split('\n');
            // The request line's target may hold a space (normalize-path/get-space): it is everything between the
            // method and the last token, the protocol.
            var requestLine = lines[0];
            var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
            var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(' ')];
            var parsed = new ParsedRequest(method, target, body);
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
            {
                if (char.IsWhiteSpace(line[0]))
                {
                    // obs-fold (get-header-value-multiline): HttpClient cannot send a folded header, so it is unfolded
                    // to one space as RFC 9112 §5.2 allows; the signer then collapses the whitespace runs.
                    var last = parsed._headers[^1];
                    parsed._headers[^1] = new(last.Key, last.Value + " " + line.Trim());
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                var (name, value) = (line[..colon], line[(colon + 1)..]);
                var existing = parsed._headers.FindIndex(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
                if (existing >= 0)
                {
                    // A repeated header (get-header-key-duplicate, get-header-value-order) is carried as one
                    // comma-joined value, in order: HttpClient would otherwise send it as one line joined with ", ".
                    parsed._headers[existing] = new(parsed._headers[existing].Key, parsed._headers[existing].Value + "," + value.Trim());
                    continue;
                }

                parsed._headers.Add(new(name, value));
            }

            return parsed;
        }

        public string? RemoveHeader(string name)
        {
            var index = _headers.FindIndex(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                return null;
            }

            var value = _headers[index].Value;
            _headers.RemoveAt(index);
            return value;
        }

        public HttpRequestMessage ToHttpRequest()
        {
            var request = new HttpRequestMessage(new HttpMethod(Method), new Uri("https://" + Host + Target));
            var contentHeaders = _headers.Where(h => h.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)).ToList();
            if (Body.Length > 0 || contentHeaders.Count > 0)
            {
                request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
                foreach (var (name, value) in contentHeaders)
                {
                    request.Content.Headers.TryAddWithoutValidation(name, value);
                }
            }

            // Host comes from the URI and X-Amz-Date from the signing time, as in the pipeline.
            foreach (var (name, value) in _headers.Where(h => !h.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
                         && !h.Key.Equals("Host", StringComparison.OrdinalIgnoreCase) && !h.Key.Equals("X-Amz-Date", StringComparison.OrdinalIgnoreCase)))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return request;
        }
    }
}
