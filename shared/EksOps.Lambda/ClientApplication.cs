namespace EksOps.Lambda;

/// <summary>The application that made the call, as described in a client context's <c>client</c> object.</summary>
/// <param name="InstallationId">JSON <c>installation_id</c>.</param>
/// <param name="AppTitle">JSON <c>app_title</c>.</param>
/// <param name="AppVersionName">JSON <c>app_version_name</c>.</param>
/// <param name="AppVersionCode">JSON <c>app_version_code</c>.</param>
/// <param name="AppPackageName">JSON <c>app_package_name</c>.</param>
public sealed record ClientApplication(
    string? InstallationId,
    string? AppTitle,
    string? AppVersionName,
    string? AppVersionCode,
    string? AppPackageName);
