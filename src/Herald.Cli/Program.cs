using System.Runtime.InteropServices;
using Herald.Cli;

// The first Ctrl+C (or SIGTERM) asks the command to stop; a second one ends the process at once.
using var stop = new CancellationTokenSource();
using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return await HeraldCli.RunAsync(args, cancellationToken: stop.Token);

void Stop(PosixSignalContext context)
{
    if (stop.IsCancellationRequested) return;
    context.Cancel = true;
    stop.Cancel();
}
