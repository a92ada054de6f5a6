namespace BillingOrchestrator.Fuzz;

/// <summary>The repository the seed corpora come from: <c>FUZZ_REPOSITORY</c>, or the first folder above this one holding the solution.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("FUZZ_REPOSITORY") is { Length: > 0 } configured)
        {
            return configured;
        }

        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "BillingOrchestrator.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("set FUZZ_REPOSITORY to the repository root (the seed corpora come from it)");
    }
}
