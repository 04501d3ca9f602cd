using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.Http;
using EksOps.Aws.Protocol;

namespace EksOps.Simulation.Tests.CloudWatch.Support;

/// <summary>
/// One moto server (<c>moto_server -H 127.0.0.1 -p PORT</c>) for the CloudWatch parity tests, with SigV4 verification
/// on: it starts with <c>INITIAL_NO_AUTH_ACTION_COUNT=3</c>, spends those three unauthenticated actions creating an IAM
/// user with an allow-all policy and an access key, and from then on moto checks every signature against that key.
/// Without <c>moto_server</c> on PATH the tests skip with the reason; with <c>CI=true</c> they fail instead.
/// </summary>
/// <remarks>
/// A copy of <c>tests/EksOps.Aws.Tests/Support/MotoServer.cs</c> (to be shared later), without the AWS CLI: the
/// parity tests seed moto with raw AWS JSON calls through the production pipeline.
/// </remarks>
public sealed partial class CloudWatchMotoServer : IAsyncLifetime
{
    public const string Region = "us-east-1";
    public const string AccountId = "123456789012";
    private const int UnauthenticatedActions = 3;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _unavailable;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public string AccessKeyId { get; private set; } = string.Empty;

    public string SecretAccessKey { get; private set; } = string.Empty;

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public async ValueTask InitializeAsync()
    {
        var moto = FindOnPath("moto_server");
        if (moto is null)
        {
            _unavailable = "moto_server was not found on PATH; the CloudWatch parity tests need it.";
            return;
        }

        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(moto) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["INITIAL_NO_AUTH_ACTION_COUNT"] = UnauthenticatedActions.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _process = Process.Start(start) ?? throw new InvalidOperationException("moto_server did not start");
        _process.OutputDataReceived += (_, e) => Record(e.Data);
        _process.ErrorDataReceived += (_, e) => Record(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        try
        {
            await WaitUntilServingAsync();
            await CreateAccessKeyAsync();
        }
        catch (Exception ex)
        {
            _unavailable = $"moto_server on port {port} could not be set up: {ex.Message}\n{Output}";
        }
    }

    public ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Skips the calling test when moto is unusable, or fails it in CI.</summary>
    public void RequireAvailable()
    {
        if (_unavailable is null)
        {
            return;
        }

        if (InCi)
        {
            Assert.Fail("CI=true, so the moto tests must run: " + _unavailable);
        }

        Assert.Skip(_unavailable);
    }

    /// <summary>A pipeline pointed at moto, signing with the moto user's key.</summary>
    public AwsHttpPipeline Pipeline() => new(new AwsClientOptions
    {
        Region = Region,
        Credentials = new BasicAWSCredentials(AccessKeyId, SecretAccessKey),
        GetEnvironmentVariable = name => name == AwsEnvironment.EndpointVariable ? Endpoint.ToString() : null,
        Retry = new AwsRetryOptions { MaxAttempts = 2 },
    });

    /// <summary>Calls an AWS JSON operation on moto with a raw body (seeding, independent of the typed clients).</summary>
    public async Task<string> InvokeAsync(AwsJsonService service, string operation, string json)
    {
        using var pipeline = Pipeline();
        var body = await new AwsJsonClient(pipeline, service).InvokeRawAsync(operation, Encoding.UTF8.GetBytes(json), TestContext.Current.CancellationToken);
        return Encoding.UTF8.GetString(body.Span);
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 16_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilServingAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (true)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"moto_server exited with {_process.ExitCode}");
            }

            try
            {
                // /moto-api/ is moto's own API: it is not an AWS action, so it does not use up an unauthenticated one.
                using var response = await http.GetAsync(new Uri(Endpoint, "/moto-api/data.json"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("moto_server did not answer within 45 s");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>The three unauthenticated actions: IAM CreateUser, PutUserPolicy (allow all), CreateAccessKey, over the Query protocol.</summary>
    private async Task CreateAccessKeyAsync()
    {
        using var bootstrap = new AwsHttpPipeline(new AwsClientOptions
        {
            Region = Region,
            Credentials = new BasicAWSCredentials("AKIAEKSOPSBOOTSTRAP0", "unused-before-authentication"),
            GetEnvironmentVariable = name => name == AwsEnvironment.EndpointVariable ? Endpoint.ToString() : null,
            Retry = new AwsRetryOptions { MaxAttempts = 2 },
        });
        const string user = "eksops-simulation-tests";
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
        await IamAsync(bootstrap, "CreateUser", ("UserName", user));
        await IamAsync(bootstrap, "PutUserPolicy", ("UserName", user), ("PolicyName", "allow-all"), ("PolicyDocument", policy));
        var created = await IamAsync(bootstrap, "CreateAccessKey", ("UserName", user));
        AccessKeyId = AccessKeyIdElement().Match(created).Groups[1].Value;
        SecretAccessKey = WebUtility.HtmlDecode(SecretAccessKeyElement().Match(created).Groups[1].Value);
        if (AccessKeyId.Length == 0 || SecretAccessKey.Length == 0)
        {
            throw new InvalidOperationException("CreateAccessKey returned no key: " + created);
        }
    }

    private static async Task<string> IamAsync(AwsHttpPipeline pipeline, string action, params (string Name, string Value)[] parameters)
    {
        var form = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", "2010-05-08") };
        form.AddRange(parameters.Select(p => new KeyValuePair<string, string>(p.Name, p.Value)));
        var response = await pipeline.SendAsync(
            new AwsOperation("iam", "iam", action),
            endpoint => new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new FormUrlEncodedContent(form) },
            CancellationToken.None);
        return Encoding.UTF8.GetString(response.Body.Span);
    }

    private static string? FindOnPath(string command) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, command))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex("<AccessKeyId>([^<]+)</AccessKeyId>")]
    private static partial Regex AccessKeyIdElement();

    [GeneratedRegex("<SecretAccessKey>([^<]+)</SecretAccessKey>")]
    private static partial Regex SecretAccessKeyElement();
}
