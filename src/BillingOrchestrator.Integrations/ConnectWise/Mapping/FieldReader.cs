using BillingOrchestrator.Billing;
using BillingOrchestrator.Integrations.ConnectWise.Model;
using BillingOrchestrator.Integrations.Import;

namespace BillingOrchestrator.Integrations.ConnectWise.Mapping;

/// <summary>
/// Reads the fields of one ConnectWise record for <see cref="ConnectWiseMapper"/>. A missing required field or an
/// unknown enum value becomes an <see cref="ImportProblem"/> at the record's file (or endpoint) and row (or id); the
/// value returned then is a placeholder the mapper throws away, because a record with a problem is never returned.
/// Field names are the API's JSON names (<c>company.id</c>, <c>_info.lastUpdated</c>).
/// </summary>
internal sealed class FieldReader(string file, int row, ICollection<ImportProblem> problems)
{
    public bool Failed { get; private set; }

    public void Problem(string field, string reason)
    {
        problems.Add(new ImportProblem(file, row, field, reason));
        Failed = true;
    }

    public int Id(int id, string field = "id")
    {
        if (id <= 0)
        {
            Problem(field, "is required and must be a positive whole number");
        }

        return id;
    }

    /// <summary>The id of a reference the domain cannot do without (<c>company</c>, <c>member</c>, ...).</summary>
    public int Reference(CwReference? reference, string field)
    {
        if (reference is null)
        {
            Problem(field, "is required");
            return 0;
        }

        return Id(reference.Id, field + ".id");
    }

    public int? OptionalReference(CwReference? reference, string field) =>
        reference is null ? null : Id(reference.Id, field + ".id");

    /// <summary>The name of a reference kept by name (a ticket's <c>board</c> and <c>status</c>).</summary>
    public string ReferenceName(CwReference? reference, string field)
    {
        if (reference is null)
        {
            Problem(field, "is required");
            return "";
        }

        return Text(reference.Name, field + ".name");
    }

    public string Text(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Problem(field, "is required");
            return "";
        }

        return value;
    }

    public T Required<T>(T? value, string field)
        where T : struct
    {
        if (value is null)
        {
            Problem(field, "is required");
            return default;
        }

        return value.Value;
    }

    public Money Money(decimal? value, string field) => new(Required(value, field));

    public Hours Hours(decimal? value, string field)
    {
        var hours = Required(value, field);
        if (hours < 0)
        {
            Problem(field, $"{hours} is negative");
        }

        return new(hours);
    }

    public DateOnly Date(DateTimeOffset? value, string field) => DateOf(Required(value, field));

    public static DateOnly? OptionalDate(DateTimeOffset? value) => value is { } date ? DateOf(date) : null;

    public TEnum Enum<TEnum>(string? value, string field)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Problem(field, "is required");
            return default;
        }

        return OptionalEnum<TEnum>(value, field) ?? default;
    }

    public TEnum? OptionalEnum<TEnum>(string? value, string field)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (EnumNames<TEnum>.ByName.TryGetValue(value.Trim(), out var parsed))
        {
            return parsed;
        }

        Problem(field, $"\"{value}\" is not a known value (expected {string.Join(", ", System.Enum.GetNames<TEnum>())})");
        return null;
    }

    /// <summary>The calendar date as ConnectWise wrote it (<c>2026-01-31T00:00:00Z</c> is 31 January in any time zone).</summary>
    private static DateOnly DateOf(DateTimeOffset value) => DateOnly.FromDateTime(value.DateTime);

    /// <summary>Enum names only: <see cref="System.Enum.TryParse{TEnum}(string, bool, out TEnum)"/> would also take "3".</summary>
    private static class EnumNames<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly Dictionary<string, TEnum> ByName =
            System.Enum.GetValues<TEnum>().ToDictionary(v => v.ToString(), StringComparer.OrdinalIgnoreCase);
    }
}
