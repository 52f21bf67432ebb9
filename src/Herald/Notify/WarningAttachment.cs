using System.Text;
using Herald.Storage;

namespace Herald.Notify;

/// <summary>
/// The CSV of all assets of a stored warning, written from the events of its directives when the message is made:
/// streamed row by row into a temporary file that is deleted when closed, so that a warning about hundreds of
/// thousands of assets never holds its attachment in memory. The same warning gives the same bytes every time.
/// </summary>
public static class WarningAttachment
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The CSV of <paramref name="warning"/>'s assets, from its start; the caller disposes it (which deletes the file).</summary>
    public static async Task<Stream> WriteAsync(HeraldDb db, Notification warning, CancellationToken cancellationToken)
    {
        var file = TemporaryFile.Create(warning.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "csv");
        try
        {
            await using (var writer = new StreamWriter(file, Utf8, TemporaryFile.BufferSize, leaveOpen: true))
            {
                writer.Write(AssetsCsv.Header);
                var directives = db.Directives.Where(d => d.NotificationId == warning.Id);
                await foreach (var row in DirectiveAssets.ReadAsync(db, directives, warning.Route, cancellationToken))
                    AssetsCsv.WriteRow(row.Asset, writer);
            }
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }
}
