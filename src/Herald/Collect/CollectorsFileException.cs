namespace Herald.Collect;

/// <summary>collectors.yaml is not valid; <see cref="Problems"/> holds one <c>file:line:column: reason</c> per problem.</summary>
public sealed class CollectorsFileException(IReadOnlyList<string> problems)
    : Exception("collectors.yaml is not valid:" + Environment.NewLine + string.Join(Environment.NewLine, problems))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
