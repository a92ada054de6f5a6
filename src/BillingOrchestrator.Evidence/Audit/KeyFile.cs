using System.Security.Cryptography;

namespace BillingOrchestrator.Evidence.Audit;

/// <summary>A secret generated once and kept owner-only in a file under the data directory (the token-signing key, the audit-chain key).</summary>
public static class KeyFile
{
    /// <summary>Reads the key at <paramref name="path"/>, creating it with <paramref name="length"/> random bytes the first time.</summary>
    public static byte[] ReadOrCreate(string path, int length)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var created = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                created.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            try
            {
                using var stream = new FileStream(path, created);
                stream.Write(RandomNumberGenerator.GetBytes(length));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another host on the same data directory created it first.
            }
        }

        return File.ReadAllBytes(path);
    }
}
