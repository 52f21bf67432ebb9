namespace Herald.Storage.Migrations;

/// <summary>
/// An exclusive lock on a file beside the database, held by the one Herald process that upgrades it while the others
/// wait. The operating system lets it go when the process ends, however it ends: EF's own migration lock for SQLite is
/// a row that a killed process leaves behind, after which every start waits for it forever.
/// </summary>
internal sealed class UpgradeLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _file;

    private UpgradeLock(FileStream file) => _file = file;

    /// <summary>Waits until the lock is free and takes it. The file stays (removing it would let two processes lock two files).</summary>
    public static async Task<UpgradeLock> AcquireAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                // .NET takes FileShare.None as an exclusive flock on Unix, a share lock on Windows; both hold within one process too.
                return new UpgradeLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException e) when (IsHeldElsewhere(e))
            {
                await Task.Delay(Poll, cancellationToken);
            }
        }
    }

    public void Dispose() => _file.Dispose();

    // EWOULDBLOCK from flock (11 on Linux, 35 on macOS); a sharing or lock violation on Windows.
    private static bool IsHeldElsewhere(IOException e) => e.HResult is 11 or 35 or unchecked((int)0x80070020) or unchecked((int)0x80070021);
}
