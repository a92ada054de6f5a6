namespace BillingOrchestrator.Integrations.ConnectWise.Model;

/// <summary>What every ConnectWise record has: its id and its <c>_info</c>.</summary>
public interface IConnectWiseRecord
{
    int Id { get; }

    CwInfo? Info { get; }
}

/// <summary>A record read from an agreement's sub-resource (<c>/finance/agreements/{id}/...</c>): it names its agreement.</summary>
public interface IAgreementChild : IConnectWiseRecord
{
    int AgreementId { get; }
}
