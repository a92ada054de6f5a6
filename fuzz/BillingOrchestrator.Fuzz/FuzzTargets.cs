namespace BillingOrchestrator.Fuzz;

internal static class FuzzTargets
{
    public static IReadOnlyList<string> Names { get; } = [ConnectWiseJsonTarget.Name, ConnectWiseCsvTarget.Name, WorkflowDefinitionTarget.Name];

    public static IFuzzTarget Create(string name, string repository) => name switch
    {
        ConnectWiseJsonTarget.Name => new ConnectWiseJsonTarget(repository),
        ConnectWiseCsvTarget.Name => new ConnectWiseCsvTarget(repository),
        WorkflowDefinitionTarget.Name => new WorkflowDefinitionTarget(repository),
        _ => throw new ArgumentException($"unknown target '{name}'; targets: {string.Join(", ", Names)}", nameof(name)),
    };
}
