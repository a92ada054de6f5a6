using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BillingOrchestrator.Persistence.Configurations;

internal sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
    value => value.ToUnixTimeMilliseconds(),
    value => DateTimeOffset.FromUnixTimeMilliseconds(value));
