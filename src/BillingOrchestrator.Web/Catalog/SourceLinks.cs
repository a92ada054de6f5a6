using BillingOrchestrator.Billing;

namespace BillingOrchestrator.Web.Catalog;

/// <summary>
/// Links from our records back to ConnectWise PSA (the source record of every automated decision). The base is the
/// configured ConnectWise API address; without one the link is a stable <c>connectwise:</c> reference.
/// </summary>
public sealed class SourceLinks(IConfiguration configuration)
{
    private readonly string? _apiBase = ApiBase(configuration);

    public string For(SourceRef source)
    {
        var path = source.Kind switch
        {
            EntityKind.Company => "company/companies",
            EntityKind.Member => "system/members",
            EntityKind.WorkType => "time/workTypes",
            EntityKind.WorkRole => "time/workRoles",
            EntityKind.AgreementType => "finance/agreementTypes",
            EntityKind.Agreement => "finance/agreements",
            EntityKind.AgreementAddition => "finance/agreements/additions",
            EntityKind.ServiceTicket => "service/tickets",
            EntityKind.TimeEntry => "time/entries",
            EntityKind.Invoice => "finance/invoices",
            _ => source.Kind.ToString(),
        };
        return _apiBase is null ? $"connectwise:/{path}/{source.Id}" : $"{_apiBase}/{path}/{source.Id}";
    }

    private static string? ApiBase(IConfiguration configuration)
    {
        var baseUrl = configuration["ConnectWise:BaseUrl"];
        var site = configuration["ConnectWise:Site"];
        var codebase = configuration["ConnectWise:Codebase"];
        return !string.IsNullOrWhiteSpace(baseUrl) ? baseUrl.TrimEnd('/')
            : !string.IsNullOrWhiteSpace(site) && !string.IsNullOrWhiteSpace(codebase) ? $"https://{site}/{codebase.Trim('/')}/apis/3.0"
            : null;
    }
}
