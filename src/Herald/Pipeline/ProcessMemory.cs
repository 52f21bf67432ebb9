using System.Runtime.InteropServices;

namespace Herald.Pipeline;

/// <summary>
/// Gives memory back to the system between the stages of a run. What a stage leaves behind is garbage the next never
/// touches (the decider's indexes after a million-row report, the page caches and sorters of eight delivering
/// connections), yet neither the .NET GC (the next stage allocates little, so no full collection comes) nor glibc's
/// allocator (freed blocks stay in its per-thread arenas) return it on their own, and the process keeps it resident.
/// </summary>
public static class ProcessMemory
{
    private static bool _trimUnavailable;

    /// <summary>A full, compacting collection that decommits what it frees, then the native heap trimmed (glibc only).</summary>
    public static void Release()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (!OperatingSystem.IsLinux() || _trimUnavailable) return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            // Not glibc (musl has no malloc_trim): its allocator keeps what it keeps.
            _trimUnavailable = true;
        }
    }

    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
