using System.CommandLine;

namespace Herald.Cli.Commands;

/// <summary>Checks on count options, made while the command line is parsed so that a bad count is a parse error.</summary>
internal static class Counts
{
    /// <summary>Refuses a count below one.</summary>
    public static Option<int> AtLeastOne(this Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1) result.AddError($"{option.Name} must be at least 1");
        });
        return option;
    }
}
