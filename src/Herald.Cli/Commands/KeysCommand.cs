using System.CommandLine;
using Herald.Signing;
using MimeKit;
using Org.BouncyCastle.Bcpg.OpenPgp;

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
                throw new UserException($"{path} exists; --force replaces it (and the DNS record must change with it)");
            var keys = DkimKeys.Generate(result.GetValue(algorithm)!);
            Directories.Create(Path.GetDirectoryName(path)!, "the key directory");
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
        var command = new Command("openpgp-generate", "Generate the service's OpenPGP key pair for the sender address (passphrase from HERALD__Signing__OpenPgp__Passphrase or Signing:OpenPgp:PassphraseFile)");
        command.SetAction(async (result, cancellationToken) =>
        {
            var options = HeraldCommands.Options(result);
            var pgp = options.EffectiveSigning.OpenPgp;
            if (pgp.Passphrase is not { Length: >= 12 } passphrase)
                throw new UserException("set HERALD__Signing__OpenPgp__Passphrase or Signing:OpenPgp:PassphraseFile (at least 12 characters) to protect the secret key");
            using var context = new KeyRingContext(Directories.Create(pgp.KeyRingDirectory!, "the key ring directory"), passphrase);
            var sender = new MailboxAddress(options.Service.SenderName, options.Service.SenderAddress);
            if (context.CanSign(sender, cancellationToken))
                throw new UserException($"the key ring in {pgp.KeyRingDirectory} already has a signing key for {sender.Address}");
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
            OperatorFiles.Require(path);
            var keys = await ReadPublicKeysAsync(path);
            var pgp = options.EffectiveSigning.OpenPgp;
            using var context = new KeyRingContext(Directories.Create(pgp.KeyRingDirectory!, "the key ring directory"), pgp.Passphrase);
            context.Import(keys, cancellationToken);
            var addresses = keys.GetKeyRings().SelectMany(ring => ring.GetPublicKey().GetUserIds());
            Console.WriteLine($"Imported {keys.Count} key(s) from {path.Name} into {pgp.KeyRingDirectory}: {string.Join(", ", addresses)}");
            return 0;
        });
        return command;
    }

    /// <summary>The public keys in an armored or binary file.</summary>
    /// <exception cref="UserException">The file holds no public key (text, a secret key, something else).</exception>
    private static async Task<PgpPublicKeyRingBundle> ReadPublicKeysAsync(FileInfo path)
    {
        PgpPublicKeyRingBundle keys;
        try
        {
            await using var stream = path.OpenRead();
            keys = new PgpPublicKeyRingBundle(PgpUtilities.GetDecoderStream(stream));
        }
        catch (Exception ex) when (ex is IOException or PgpException)
        {
            throw new UserException($"{path.FullName} is not an OpenPGP public key: {ex.Message}", ex);
        }
        return keys.Count > 0 ? keys : throw new UserException($"{path.FullName} holds no OpenPGP public key");
    }
}
