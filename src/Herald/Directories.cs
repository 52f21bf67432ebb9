namespace Herald;

/// <summary>Directories the operator names (the data directory, an output directory): what stands in their way is a mistake to put right.</summary>
public static class Directories
{
    /// <summary>Creates the directory and its parents unless it exists; returns its path.</summary>
    /// <param name="what">What it is, for the message: "the data directory".</param>
    /// <exception cref="UserException">A file stands where it or a parent should be, or it may not be created.</exception>
    public static string Create(string path, string what)
    {
        if (File.Exists(path)) throw new UserException($"{what} {path} is a file, not a directory");
        try
        {
            Directory.CreateDirectory(path);
            return path;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var blocking = Path.GetDirectoryName(Path.GetFullPath(path));
            while (blocking is not null && !Path.Exists(blocking)) blocking = Path.GetDirectoryName(blocking);
            var why = blocking is not null && File.Exists(blocking) ? $"{blocking} is a file" : ex.Message;
            throw new UserException($"{what} {path} cannot be created: {why}", ex);
        }
    }
}
