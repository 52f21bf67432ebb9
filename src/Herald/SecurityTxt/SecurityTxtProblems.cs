namespace Herald.SecurityTxt;

/// <summary>The three lists sectxt keeps (errors, recommendations, notifications), filled while a file is fetched and read.</summary>
internal sealed class SecurityTxtProblems
{
    public List<SecurityTxtProblem> Errors { get; } = [];
    public List<SecurityTxtProblem> Recommendations { get; } = [];
    public List<SecurityTxtProblem> Notifications { get; } = [];

    public void Error(string code, int? line = null) => Errors.Add(new(code, SecurityTxtMessages.For(code), line));

    public void Error(string code, string message, int? line) => Errors.Add(new(code, message, line));

    /// <summary>Adds the error unless one with this code is there already (a certificate or scheme problem seen at both locations).</summary>
    public void ErrorOnce(string code)
    {
        if (!Errors.Exists(e => e.Code == code)) Error(code);
    }

    public void Recommend(string code, int? line = null) => Recommendations.Add(new(code, SecurityTxtMessages.For(code), line));

    public void Notify(string code, string message, int? line) => Notifications.Add(new(code, message, line));
}
