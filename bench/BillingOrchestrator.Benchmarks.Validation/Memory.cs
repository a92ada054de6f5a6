using System.Globalization;

namespace BillingOrchestrator.Benchmarks.Validation;

/// <summary>
/// Resident memory of this process from <c>/proc/self/status</c>. The peak (<c>VmHWM</c>, what
/// <see cref="System.Diagnostics.Process.PeakWorkingSet64"/> reports on Linux) can be reset to the current resident size
/// by writing 5 to <c>/proc/self/clear_refs</c>, so each measured run gets its own peak after the setup's.
/// </summary>
internal static class Memory
{
    /// <summary>Resets the peak to the current resident size; false when the kernel does not allow it.</summary>
    public static bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long PeakBytes() => Read("VmHWM:");

    public static long CurrentBytes() => Read("VmRSS:");

    /// <summary>Drops everything unreachable and gives the memory back to the OS, so the next run starts from its own data.</summary>
    public static void Settle()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    private static long Read(string field)
    {
        if (!File.Exists("/proc/self/status"))
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return field == "VmHWM:" ? process.PeakWorkingSet64 : process.WorkingSet64;
        }

        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}
