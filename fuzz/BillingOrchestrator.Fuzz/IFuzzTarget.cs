namespace BillingOrchestrator.Fuzz;

/// <summary>
/// One fuzz target. <see cref="Run"/> feeds one input to the code under test and lets every exception escape: the code
/// under test promises to turn bad input into problems or errors, so any exception is a finding.
/// </summary>
internal interface IFuzzTarget : IDisposable
{
    void Run(byte[] input);

    IEnumerable<(string Name, byte[] Bytes)> Seeds();
}
