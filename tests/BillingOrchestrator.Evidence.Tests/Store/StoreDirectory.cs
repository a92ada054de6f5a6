namespace BillingOrchestrator.Evidence.Tests.Store;

/// <summary>A fresh store root under the temp folder, removed afterwards (stored files are read-only, so clear that first).</summary>
internal sealed class StoreDirectory : IDisposable
{
    public StoreDirectory()
    {
        Parent = Directory.CreateTempSubdirectory("evidence-store-").FullName;
        Root = Path.Combine(Parent, "store");
    }

    /// <summary>The folder that holds the store root; nothing may ever be written here except inside <see cref="Root"/>.</summary>
    public string Parent { get; }

    public string Root { get; }

    public string[] StoredFiles() =>
        Directory.Exists(Path.Combine(Root, "sha256")) ? Directory.GetFiles(Path.Combine(Root, "sha256"), "*", SearchOption.AllDirectories) : [];

    public string[] TemporaryFiles() =>
        Directory.Exists(Path.Combine(Root, "tmp")) ? Directory.GetFiles(Path.Combine(Root, "tmp")) : [];

    public void Dispose()
    {
        foreach (var file in Directory.GetFiles(Parent, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(Parent, recursive: true);
    }
}
