using System.Data;
using Dapper;

namespace Bot.Data.Postgres;

/// <summary>Dapper does not map PostgreSQL <c>date</c> to <see cref="DateOnly"/> on its own.</summary>
internal sealed class DateOnlyTypeHandler : SqlMapper.TypeHandler<DateOnly>
{
    public override DateOnly Parse(object value) => value switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        _ => throw new DataException($"cannot read {value.GetType()} as DateOnly"),
    };

    public override void SetValue(IDbDataParameter parameter, DateOnly value)
    {
        parameter.DbType = DbType.Date;
        parameter.Value = value;
    }
}
