using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BillingOrchestrator.Persistence;

/// <summary>Gives EF's SQLite connections the same durability and busy-wait settings as the engine's writer.</summary>
internal sealed class SqlitePragmaInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = WorkflowDatabase.SqlitePragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = WorkflowDatabase.SqlitePragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
