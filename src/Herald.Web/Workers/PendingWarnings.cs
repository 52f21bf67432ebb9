using System.Threading.Channels;

namespace Herald.Web.Workers;

/// <summary>A nudge to <see cref="PipelineWorker"/> that new directives may wait for warnings; nudges made while it works fold into one.</summary>
public sealed class PendingWarnings
{
    private readonly Channel<bool> _signal = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Signal() => _signal.Writer.TryWrite(true);

    public ValueTask<bool> WaitAsync(CancellationToken cancellationToken) => _signal.Reader.WaitToReadAsync(cancellationToken);

    public void Take() => _signal.Reader.TryRead(out _);
}
