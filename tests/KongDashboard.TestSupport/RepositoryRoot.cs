namespace KongDashboard.TestSupport;

/// <summary>
/// The checkout a test runs from: the folder above the test binaries that holds KongDashboard.sln, and the project's
/// shared material beside it (../shared: conformance cases, reference notes). Never an absolute path.
/// </summary>
public static class RepositoryRoot
{
    /// <summary>The folder holding KongDashboard.sln, or null when the tests run outside a checkout.</summary>
    public static string? Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "KongDashboard.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>The folder holding KongDashboard.sln; throws naming where it looked when there is none.</summary>
    public static string Path() => Find() ?? throw new InvalidOperationException(
        $"repository root (folder containing KongDashboard.sln) not found above {AppContext.BaseDirectory}");

    /// <summary>A folder under ../shared beside the repository root, e.g. <c>Shared("conformance", "kic-golden")</c>.</summary>
    public static string Shared(params string[] parts) =>
        System.IO.Path.GetFullPath(System.IO.Path.Combine([Path(), "..", "shared", .. parts]));
}
