using System.CommandLine;
using Herald.Signing;
using MimeKit;

namespace Herald.Cli.Commands;

/// <summary>
/// <c>herald keys dkim-generate</c> makes the service's DKIM key and prints the DNS record to publish;
/// <c>herald keys openpgp-generate</c> and <c>openpgp-import</c> manage the OpenPGP key ring in the data directory.
/// </summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var command = new Command("keys", "The service's signing keys (DKIM, OpenPGP)");
        command.Subcommands.Add(DkimGenerate());
        command.Subcommands.Add(OpenPgpGenerate());
        command.Subcommands.Add(OpenPgpImport());
        return command;
    }

    private static Command DkimGenerate()
    {
        var algorithm = new Option<string>("--algorithm") { Description = "rsa (2048 bits) or ed25519", DefaultValueFactory = _ => "rsa" };
        algorithm.AcceptOnlyFromAmong("rsa", "ed25519");
        var force = new Option<bool>("--force") { Description = "Replace an existing key" };
        var command = new Command("dkim-generate", "Generate the DKIM private key and print the DNS TXT record to publish") { algorithm, force };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = HeraldCommands.Options(result);
            var dkim = options.EffectiveSigning.Dkim;
            var path = dkim.KeyPath!;
            if (File.Exists(path) && !result.GetValue(force))
            {
                await Console.Error.WriteLineAsync($"herald: {path} exists; --force replaces it (and the DNS record must change with it)");
                return 1;
            }
            var keys = DkimKeys.Generate(result.GetValue(algorithm)!);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            // Only the service's own account may read the private key, from the moment the file exists.
            var create = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows()) create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, create))
                await writer.WriteAsync(keys.PrivateKeyPem.AsMemory(), cancellationToken);
            Console.WriteLine($"Private key written to {path}. Publish this record in DNS:");
            Console.WriteLine(keys.ZoneLine(dkim.Selector, dkim.Domain ?? options.Service.SenderDomain));
            return 0;
        });
        return command;
    }

    private static Command OpenPgpGenerate()
    {
        var command = new Command("openpgp-generate", "Generate the service's OpenPGP key pair for the sender address (passphrase from HERALD_OPENPGP_PASSPHRASE)");
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = HeraldCommands.Options(result);
            var pgp = options.EffectiveSigning.OpenPgp;
            if (pgp.Passphrase is not { Length: >= 12 } passphrase)
            {
                await Console.Error.WriteLineAsync("herald: set HERALD_OPENPGP_PASSPHRASE (at least 12 characters) to protect the secret key");
                return 2;
            }
            using var context = new KeyRingContext(pgp.KeyRingDirectory!, passphrase);
            var sender = new MailboxAddress(options.Service.SenderName, options.Service.SenderAddress);
            if (context.CanSign(sender, cancellationToken))
            {
                await Console.Error.WriteLineAsync($"herald: the key ring in {pgp.KeyRingDirectory} already has a signing key for {sender.Address}");
                return 1;
            }
            context.GenerateKeyPair(sender, passphrase);
            var armored = Path.Combine(pgp.KeyRingDirectory!, "service-public-key.asc");
            await using (var file = File.Create(armored)) context.Export([sender], file, true, cancellationToken);
            Console.WriteLine($"Key pair for {sender.Address} in {pgp.KeyRingDirectory}; publish the public key ({armored}) on the service's website.");
            return 0;
        });
        return command;
    }

    private static Command OpenPgpImport()
    {
        var file = new Argument<FileInfo>("file") { Description = "A recipient's public key (armored or binary)" };
        var command = new Command("openpgp-import", "Import a recipient's public key; warnings to its addresses are then encrypted") { file };
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = HeraldCommands.Options(result);
            var path = result.GetValue(file)!;
            if (!path.Exists)
            {
                await Console.Error.WriteLineAsync($"herald: {path.FullName} does not exist");
                return 2;
            }
            var pgp = options.EffectiveSigning.OpenPgp;
            using var context = new KeyRingContext(pgp.KeyRingDirectory!, pgp.Passphrase);
            await using (var stream = path.OpenRead()) context.Import(stream, cancellationToken);
            Console.WriteLine($"Imported {path.Name} into {pgp.KeyRingDirectory}");
            return 0;
        });
        return command;
    }
}
