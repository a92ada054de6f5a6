using BillingOrchestrator.Integrations.ConnectWise.Model;

namespace BillingOrchestrator.Integrations.ConnectWise.Export;

/// <summary>
/// Pulls everything an export folder holds through <see cref="ConnectWiseClient"/> (agreement sub-resources one
/// agreement at a time, each object carrying its <c>agreementId</c>) and writes the folder: the <c>--dump</c> behind
/// offline runs.
/// </summary>
public sealed class ConnectWiseDumper(ConnectWiseClient client)
{
    /// <summary>Reads the whole site into memory. Agreements are read once; their sub-resources follow per agreement.</summary>
    public async Task<ConnectWiseSnapshot> PullAsync(CancellationToken cancellationToken)
    {
        var agreements = await client.GetAgreementsAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false);
        var additions = new List<AgreementAddition>();
        var workTypeExclusions = new List<AgreementWorkTypeExclusion>();
        var workRoleExclusions = new List<AgreementWorkRoleExclusion>();
        var workTypes = new List<AgreementWorkType>();
        var workRoles = new List<AgreementWorkRole>();
        foreach (var agreement in agreements)
        {
            additions.AddRange(await client.GetAgreementAdditionsAsync(agreement.Id, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false));
            workTypeExclusions.AddRange(await client.GetAgreementWorkTypeExclusionsAsync(agreement.Id, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false));
            workRoleExclusions.AddRange(await client.GetAgreementWorkRoleExclusionsAsync(agreement.Id, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false));
            workTypes.AddRange(await client.GetAgreementWorkTypesAsync(agreement.Id, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false));
            workRoles.AddRange(await client.GetAgreementWorkRolesAsync(agreement.Id, cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false));
        }

        return new ConnectWiseSnapshot
        {
            Companies = await client.GetCompaniesAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false),
            Members = await client.GetMembersAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false),
            WorkTypes = await client.GetWorkTypesAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false),
            WorkRoles = await client.GetWorkRolesAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false),
            AgreementTypes = await client.GetAgreementTypesAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false),
            Agreements = agreements,
            AgreementAdditions = additions,
            AgreementWorkTypeExclusions = workTypeExclusions,
            AgreementWorkRoleExclusions = workRoleExclusions,
            AgreementWorkTypes = workTypes,
            AgreementWorkRoles = workRoles,
            Tickets = await client.GetTicketsAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false),
            TimeEntries = await client.GetTimeEntriesAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false),
            Invoices = await client.GetInvoicesAsync(cancellationToken: cancellationToken).ToListAsync(cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>Pulls the site and writes it to <paramref name="folder"/>; returns what was written.</summary>
    public async Task<ConnectWiseSnapshot> DumpAsync(string folder, CancellationToken cancellationToken)
    {
        var snapshot = await PullAsync(cancellationToken).ConfigureAwait(false);
        await ConnectWiseExport.WriteAsync(folder, snapshot, cancellationToken).ConfigureAwait(false);
        return snapshot;
    }
}
