using System.Security.Cryptography;
using System.Text.Json;
using BillingOrchestrator.Billing.Serialization;

namespace BillingOrchestrator.Billing.Checks;

/// <summary>
/// The identity of a snapshot: SHA-256 over its canonical JSON (<see cref="BillingJson"/>: declaration order, exact
/// numbers), streamed into the hash so no copy of the JSON is held. Equal snapshots hash equal across processes.
/// </summary>
public static class SnapshotHasher
{
    /// <summary>Lower-case hex SHA-256 of the snapshot's canonical JSON.</summary>
    public static string Compute(BillingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var stream = new HashingStream(hash))
        {
            JsonSerializer.Serialize(stream, snapshot, BillingJson.Options);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>A write-only stream that feeds everything written to it into a hash.</summary>
    private sealed class HashingStream(IncrementalHash hash) : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position
        {
            get => _length;
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            hash.AppendData(buffer);
            _length += buffer.Length;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
