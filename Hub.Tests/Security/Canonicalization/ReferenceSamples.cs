namespace Hub.Tests.Security.Canonicalization;

/// <summary>
/// The reference documents outside the repository (shared/reference, never copied into the source tree): the IPPC
/// sample ePhyto and a CITES EPIX v2 permit response, found beside an ancestor of the test folder.
/// </summary>
internal static class ReferenceSamples
{
    private static readonly string[] s_relativePaths =
    [
        Path.Combine("shared", "reference", "ephyto", "sample-SPSCertificate.xml"),
        Path.Combine("shared", "reference", "cites", "epix-v2-permit-response.xml"),
    ];

    public static IReadOnlyList<string> Paths()
    {
        var found = new List<string>();
        foreach (var relative in s_relativePaths)
        {
            var path = Find(relative);
            if (path is null)
            {
                Assert.Ignore($"reference sample not found: {relative} beside an ancestor of {TestContext.CurrentContext.TestDirectory}");
            }

            found.Add(path!);
        }

        return found;
    }

    private static string? Find(string relative)
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
