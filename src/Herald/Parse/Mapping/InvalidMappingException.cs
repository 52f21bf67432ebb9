namespace Herald.Parse.Mapping;

/// <summary>A column mapping that cannot be used, with every problem found in it.</summary>
public sealed class InvalidMappingException : Exception
{
    public InvalidMappingException(string file, IReadOnlyList<MappingError> errors)
        : base($"{file} is not a valid column mapping:\n" + string.Join('\n', errors.Select(e => $"  {file}:{e}")))
    {
        File = file;
        Errors = errors;
    }

    public InvalidMappingException()
    {
        File = "";
        Errors = [];
    }

    public InvalidMappingException(string message) : base(message)
    {
        File = "";
        Errors = [];
    }

    public InvalidMappingException(string message, Exception inner) : base(message, inner)
    {
        File = "";
        Errors = [];
    }

    public string File { get; }
    public IReadOnlyList<MappingError> Errors { get; }
}
