using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.SqlClient;

namespace Nexus.Domain.Storage;

/// <summary>Registers Nexus's Dapper type handlers once per process, however many factories are built.</summary>
public static class DapperTypeHandlers
{
    private static int _registered;

    /// <summary>Registers the handlers; later calls do nothing.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 0)
        {
            SqlMapper.AddTypeHandler(new DateOnlyTypeHandler());
        }
    }
}

/// <summary>
/// Writes <see cref="DateOnly"/> as a SQL Server <c>DATE</c> or as SQLite ISO text (<c>yyyy-MM-dd</c>,
/// which sorts and compares as dates), and reads either back. SqlClient 2.1 does not know
/// <see cref="DateOnly"/>, so without this handler parameters would fail there.
/// </summary>
public sealed class DateOnlyTypeHandler : SqlMapper.TypeHandler<DateOnly>
{
    private const string IsoDate = "yyyy-MM-dd";

    /// <inheritdoc />
    public override void SetValue(IDbDataParameter parameter, DateOnly value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        if (parameter is SqlParameter)
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value.ToDateTime(TimeOnly.MinValue);
        }
        else
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString(IsoDate, CultureInfo.InvariantCulture);
        }
    }

    /// <inheritdoc />
    public override DateOnly Parse(object value) => value switch
    {
        DateOnly date => date,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        string text => DateOnly.ParseExact(text, IsoDate, CultureInfo.InvariantCulture),
        _ => throw new DataException($"Cannot read a date from a {value?.GetType().Name ?? "null"} value."),
    };
}
