namespace BillingOrchestrator.Cli;

/// <summary><c>verb --name value --flag</c> arguments; unknown or malformed options are reported, never ignored.</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);

    private CliArguments(string verb) => Verb = verb;

    public string Verb { get; }

    public static CliArguments Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, IReadOnlySet<string>> allowed)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            throw new CliException($"give a command first: {string.Join(", ", allowed.Keys)}");
        }

        var parsed = new CliArguments(args[0]);
        if (!allowed.TryGetValue(parsed.Verb, out var names))
        {
            throw new CliException($"unknown command '{parsed.Verb}'; commands: {string.Join(", ", allowed.Keys)}");
        }

        for (var i = 1; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || !names.Contains(arg[2..]))
            {
                throw new CliException($"'{arg}' is not an option of '{parsed.Verb}'; options: {string.Join(", ", names.Select(n => "--" + n))}");
            }

            var value = i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : null;
            parsed._options[arg[2..]] = value;
        }

        return parsed;
    }

    public string? Get(string name) => _options.GetValueOrDefault(name);

    public bool Has(string name) => _options.ContainsKey(name);

    public string Require(string name) =>
        _options.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value : throw new CliException($"--{name} is required");
}

/// <summary>Bad input: printed as one clear line, exit code 2.</summary>
internal sealed class CliException(string message) : Exception(message);
