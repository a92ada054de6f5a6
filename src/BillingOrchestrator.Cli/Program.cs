using BillingOrchestrator.Cli;

// billing-orchestrator: batch use without the server. Exit 0 when the command ran, 2 on bad input, 1 on failure.
var commands = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal)
{
    ["dump"] = new HashSet<string> { "out" },
    ["validate"] = new HashSet<string> { "source", "data-dir", "period", "format", "out" },
    ["backup"] = new HashSet<string> { "data-dir", "out" },
    ["restore"] = new HashSet<string> { "from", "data-dir", "force" },
    ["audit-verify"] = new HashSet<string> { "data-dir", "key", "entries", "head" },
};

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    // "--dump FOLDER" is the documented short form of "dump --out FOLDER".
    var normalized = args is ["--dump", .. var rest] ? ["dump", "--out", .. rest] : args;
    var parsed = CliArguments.Parse(normalized, commands);
    return parsed.Verb switch
    {
        "dump" => await DumpCommand.RunAsync(parsed, Console.Out, cancel.Token),
        "validate" => await ValidateCommand.RunAsync(parsed, Console.Out, Console.Error, cancel.Token),
        "backup" => await BackupCommands.BackupAsync(parsed, Console.Out, cancel.Token),
        "restore" => await BackupCommands.RestoreAsync(parsed, Console.Out, cancel.Token),
        "audit-verify" => await AuditVerifyCommand.RunAsync(parsed, Console.Out, cancel.Token),
        _ => throw new CliException($"unknown command '{parsed.Verb}'"),
    };
}
catch (CliException ex)
{
    await Console.Error.WriteLineAsync($"billing-orchestrator: {ex.Message}");
    return 2;
}
catch (OperationCanceledException)
{
    await Console.Error.WriteLineAsync("billing-orchestrator: cancelled");
    return 1;
}
