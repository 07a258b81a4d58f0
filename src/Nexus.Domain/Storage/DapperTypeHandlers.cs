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
/// Reads <see cref="DateOnly"/> back from a SQL Server <c>DATE</c> or from SQLite ISO text (<c>yyyy-MM-dd</c>,
/// which sorts and compares as dates) for Dapper's typed reads.
/// </summary>
/// <remarks>
/// Dapper maps <see cref="DateOnly"/> parameters itself, before it looks at handlers, so <see cref="SetValue"/>
/// is not what writes them: both providers take the value as it is (SqlClient 7 as <c>date</c>,
/// Microsoft.Data.Sqlite as ISO text). It writes the same as they do, should Dapper ever hand it a parameter.
/// TransactSqlTests checks that SqlClient types every parameter Nexus sends.
/// </remarks>
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
