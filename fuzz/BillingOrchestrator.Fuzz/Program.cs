using BillingOrchestrator.Fuzz;
using SharpFuzz;

// Fuzz targets for the importers and the definition parser; scripts/fuzz.sh drives them (docs/fuzzing.md).
//   afl <target>                    one AFL++ fork-server run over instrumented DLLs (Fuzzer.OutOfProcess)
//   seeds <target> <dir>            writes the seed corpus from the repository's own samples
//   replay <target> <file>...       runs inputs once in-process and prints what each does (triage, regression tests)
//   targets                         lists the target names
if (args.Length == 0)
{
    Console.Error.WriteLine("usage: afl <target> | seeds <target> <dir> | replay <target> <file>... | targets");
    return 2;
}

var repository = RepositoryRoot.Find();
if (args[0] == "targets")
{
    Console.WriteLine(string.Join(Environment.NewLine, FuzzTargets.Names));
    return 0;
}

if (args.Length < 2)
{
    Console.Error.WriteLine($"name a target: {string.Join(", ", FuzzTargets.Names)}");
    return 2;
}

if (args[0] == "afl")
{
    // Created on the first input: instrumented code (the importers' constructors) may only run once SharpFuzz has
    // attached AFL's coverage map, which happens inside Run.
    IFuzzTarget? fuzzed = null;
    Fuzzer.OutOfProcess.Run(stream => (fuzzed ??= FuzzTargets.Create(args[1], repository)).Run(ReadAll(stream)));
    fuzzed?.Dispose();
    return 0;
}

using var target = FuzzTargets.Create(args[1], repository);
switch (args[0])
{
    case "seeds" when args.Length == 3:
        Directory.CreateDirectory(args[2]);
        var count = 0;
        foreach (var (name, bytes) in target.Seeds())
        {
            File.WriteAllBytes(Path.Combine(args[2], name), bytes);
            count++;
        }

        Console.WriteLine($"{count} seeds for {args[1]} in {args[2]}");
        return 0;
    case "replay":
        var crashes = 0;
        foreach (var file in args.Skip(2))
        {
            try
            {
                target.Run(File.ReadAllBytes(file));
                Console.WriteLine($"{file}: ok");
            }
#pragma warning disable CA1031 // Triage reports every exception type; that is the point of this command.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                crashes++;
                Console.WriteLine($"{file}: CRASH {ex.GetType().FullName}: {ex.Message}");
                Console.WriteLine(ex.StackTrace);
            }
        }

        return crashes == 0 ? 0 : 1;
    default:
        Console.Error.WriteLine($"unknown command {args[0]}");
        return 2;
}

static byte[] ReadAll(Stream stream)
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    return buffer.ToArray();
}
