using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using EksOps.Aws;
using EksOps.Aws.Http;
using EksOps.Aws.Protocol;
using Xunit;

namespace EksOps.Testing.Moto;

/// <summary>
/// One moto server (<c>moto_server -H 127.0.0.1 -p PORT</c>) for every test in an xunit collection, with SigV4
/// verification on: it starts with <c>INITIAL_NO_AUTH_ACTION_COUNT=3</c>, the fixture spends those three
/// unauthenticated actions creating an IAM user with an allow-all policy and an access key, and from then on moto
/// checks every signature against that key. Without <c>moto_server</c> on PATH the tests skip with the reason; with
/// <c>CI=true</c> they fail instead. Tests that drive the AWS CLI opt in to needing it with <see cref="RequireAwsCli"/>.
/// </summary>
/// <remarks>
/// A derived fixture can start what moto itself calls out to before moto starts (see <see cref="PrepareAsync"/>) and
/// stop it afterwards (see <see cref="CleanUpAsync"/>).
/// </remarks>
public partial class MotoServer : IAsyncLifetime
{
    /// <summary>The region the pipelines and the AWS CLI use unless told otherwise.</summary>
    public const string Region = "us-east-1";

    private const string UserName = "eksops-tests";
    private const int UnauthenticatedActions = 3;
    private readonly StringBuilder _output = new();
    private Process? _process;
    private string? _unavailable;

    public Uri Endpoint { get; private set; } = new("http://127.0.0.1/");

    public string AccessKeyId { get; private set; } = string.Empty;

    public string SecretAccessKey { get; private set; } = string.Empty;

    private static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

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

    public async ValueTask InitializeAsync()
    {
        var moto = FindOnPath("moto_server");
        if (moto is null)
        {
            _unavailable = "moto_server was not found on PATH; the moto tests need it.";
            return;
        }

        var port = FreePort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo(moto) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["INITIAL_NO_AUTH_ACTION_COUNT"] = UnauthenticatedActions.ToString(CultureInfo.InvariantCulture);
        foreach (var (name, value) in await PrepareAsync())
        {
            start.Environment[name] = value;
        }

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

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(5000);
        }

        _process?.Dispose();
        await CleanUpAsync();
        GC.SuppressFinalize(this);
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

    /// <summary>As <see cref="RequireAvailable"/>, and also skips (or in CI fails) the calling test when the <c>aws</c> CLI is not on PATH.</summary>
    public void RequireAwsCli()
    {
        RequireAvailable();
        if (FindOnPath("aws") is not null)
        {
            return;
        }

        const string missing = "the aws CLI was not found on PATH; this moto test drives it.";
        if (InCi)
        {
            Assert.Fail("CI=true, so the moto tests must run: " + missing);
        }

        Assert.Skip(missing);
    }

    /// <summary>A pipeline pointed at moto, signing with the moto user's key (or another secret or key id), in us-east-1 or <paramref name="region"/>.</summary>
    public AwsHttpPipeline Pipeline(string? secret = null, string? accessKeyId = null, string? region = null) => new(new AwsClientOptions
    {
        Region = region ?? Region,
        Credentials = new BasicAWSCredentials(accessKeyId ?? AccessKeyId, secret ?? SecretAccessKey),
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

    /// <summary>
    /// Runs the AWS CLI against moto with the moto user's key and no user configuration; returns stdout. Calls
    /// <see cref="RequireAwsCli"/> first, so a test that uses it skips (or fails in CI) without the CLI.
    /// </summary>
    public async Task<string> AwsCliAsync(params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        RequireAwsCli();
        var start = new ProcessStartInfo(FindOnPath("aws")!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(Endpoint.ToString());
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in new[] { "AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "AWS_ENDPOINT_URL" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = SecretAccessKey;
        start.Environment["AWS_DEFAULT_REGION"] = Region;
        start.Environment["AWS_REGION"] = Region;
        start.Environment["AWS_CONFIG_FILE"] = "/nonexistent/eksops-tests/config";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/nonexistent/eksops-tests/credentials";
        start.Environment["AWS_EC2_METADATA_DISABLED"] = "true";
        start.Environment["AWS_PAGER"] = string.Empty;

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"aws {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
        }

        return await stdout;
    }

    /// <summary>
    /// Runs before <c>moto_server</c> starts and returns extra environment variables for it; a derived fixture starts
    /// here whatever moto calls out to (and points moto at it).
    /// </summary>
    protected virtual ValueTask<IReadOnlyDictionary<string, string>> PrepareAsync() =>
        ValueTask.FromResult<IReadOnlyDictionary<string, string>>(new Dictionary<string, string>());

    /// <summary>Runs after <c>moto_server</c> has stopped; a derived fixture stops here what it started in <see cref="PrepareAsync"/>.</summary>
    protected virtual ValueTask CleanUpAsync() => ValueTask.CompletedTask;

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
        using var bootstrap = Pipeline(secret: "unused-before-authentication", accessKeyId: "AKIAEKSOPSBOOTSTRAP0");
        const string policy = """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""";
        await IamAsync(bootstrap, "CreateUser", ("UserName", UserName));
        await IamAsync(bootstrap, "PutUserPolicy", ("UserName", UserName), ("PolicyName", "allow-all"), ("PolicyDocument", policy));
        var created = await IamAsync(bootstrap, "CreateAccessKey", ("UserName", UserName));
        AccessKeyId = AccessKeyIdElement().Match(created).Groups[1].Value;
        SecretAccessKey = WebUtility.HtmlDecode(SecretAccessKeyElement().Match(created).Groups[1].Value);
        if (AccessKeyId.Length == 0 || SecretAccessKey.Length == 0)
        {
            throw new InvalidOperationException("CreateAccessKey returned no key: " + created);
        }
    }
}
