using BillingOrchestrator.Workflows;
using BillingOrchestrator.Workflows.Definitions;
using Microsoft.Extensions.DependencyInjection;

namespace BillingOrchestrator.Web.Tests.Designer;

/// <summary>The repository's definition file and the engine's real parser, built as the product builds it.</summary>
public static class Definitions
{
    public static string BillingExceptionApproval => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "workflows", "billing-exception-approval.json"));

    public const string GateWithoutPositions = """
    {
      "definitionId": "gate-flow",
      "name": "Gate flow",
      "activities": [
        { "id": "start", "type": "Start" },
        { "id": "review", "type": "UserTask", "role": "FinanceLead", "outcomes": ["Approve", "Reject"] },
        { "id": "gate", "type": "QualityGate", "approverRole": "ServiceManager", "evidence": [ { "name": "report", "label": "Validation report" } ] },
        { "id": "end", "type": "End" }
      ],
      "connections": [
        { "source": "start", "target": "review" },
        { "source": "review", "outcome": "Approve", "target": "gate" },
        { "source": "review", "outcome": "Reject", "target": "end" },
        { "source": "gate", "outcome": "Approved", "target": "end" },
        { "source": "gate", "outcome": "Rejected", "target": "review" }
      ]
    }
    """;

    public static WorkflowDefinitionParser Parser()
    {
        var services = new ServiceCollection();
        services.AddWorkflowEngine(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        return services.BuildServiceProvider().GetRequiredService<WorkflowDefinitionParser>();
    }
}
