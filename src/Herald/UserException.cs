namespace Herald;

/// <summary>
/// A mistake the person running Herald can put right (a bad argument or setting, a missing file or prerequisite): the
/// command line shows its message as one line and exits 2; the web application refuses to start with it.
/// </summary>
public sealed class UserException : Exception
{
    public UserException(string message) : base(message) { }

    public UserException(string message, Exception innerException) : base(message, innerException) { }

    public UserException() { }

    /// <summary>Throws the first of an options record's problems as "Key: problem", the way settings errors read.</summary>
    public static void ThrowFirst(IEnumerable<(string Key, string Problem)> problems)
    {
        foreach (var (key, problem) in problems) throw new UserException($"{key}: {problem}");
    }
}
