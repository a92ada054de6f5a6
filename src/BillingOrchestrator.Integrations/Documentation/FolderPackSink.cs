namespace BillingOrchestrator.Integrations.Documentation;

/// <summary>
/// Writes a pack to <c>{folder}/{instanceId}/{publicationId}/</c>: the files go to a hidden staging folder first and
/// the folder is renamed into place, so a reader never sees half a pack.
/// </summary>
public sealed class FolderPackSink(string folder) : IEvidencePackSink
{
    public string Target => Path.GetFullPath(folder);

    public async Task<string> PublishAsync(EvidencePack pack, CancellationToken cancellationToken)
    {
        var parent = Path.Combine(Target, Safe(pack.InstanceId));
        var final = Path.Combine(parent, Safe(pack.PublicationId));
        var staging = Path.Combine(parent, "." + Safe(pack.PublicationId) + ".tmp");
        try
        {
            if (Directory.Exists(final))
            {
                return final;
            }

            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            foreach (var file in pack.Files)
            {
                var path = Path.GetFullPath(Path.Combine(staging, file.Path));
                if (!path.StartsWith(Path.GetFullPath(staging) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                {
                    throw new PublishFailedException($"The pack file '{file.Path}' would leave the pack folder.", retryable: false);
                }

                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                await File.WriteAllBytesAsync(path, file.Content, cancellationToken);
            }

            Directory.Move(staging, final);
            return final;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PublishFailedException($"Could not write the pack to {final}: {ex.Message}", retryable: true, ex);
        }
    }

    private static string Safe(string name) =>
        name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? name : throw new PublishFailedException($"'{name}' is not a safe folder name.", retryable: false);
}
