//! Conversions between the `spin:postgres@4.0.0` WIT values and PostgreSQL's binary
//! wire format as `tokio-postgres` exchanges it.
//!
//! Everything here is a pure function of a value and a PostgreSQL [`Type`], so it is
//! unit-tested without a server: parameters are encoded with [`ToSql`] and decoded
//! back with [`db_value`].

use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike};
use rust_decimal::Decimal;
use tokio_postgres::types::{FromSql, ToSql, Type};

use crate::bindings::spin::postgres4_0_0::postgres::{
    DbDataType, DbValue, ParameterValue, RangeBoundKind,
};
use crate::wire::{
    decode_range, Integer, JsonText, PgInterval, PgNull, RangeParam, RawValue, UtcDateTime,
};

pub(crate) type BoxError = Box<dyn std::error::Error + Sync + Send>;

/// A parameter ready to be bound to a statement.
pub type SqlParameter = Box<dyn ToSql + Send + Sync>;

/// The WIT data type reported for a result column of PostgreSQL type `ty`.
pub fn data_type(ty: &Type) -> DbDataType {
    match *ty {
        Type::BOOL => DbDataType::Boolean,
        // PostgreSQL has no one-byte integer; `"char"` is what an `int8` (s8)
        // parameter binds to, so reading it back gives the same variant.
        Type::CHAR => DbDataType::Int8,
        Type::INT2 => DbDataType::Int16,
        Type::INT4 => DbDataType::Int32,
        Type::INT8 => DbDataType::Int64,
        Type::FLOAT4 => DbDataType::Floating32,
        Type::FLOAT8 => DbDataType::Floating64,
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => DbDataType::Str,
        Type::BYTEA => DbDataType::Binary,
        Type::DATE => DbDataType::Date,
        Type::TIME => DbDataType::Time,
        Type::TIMESTAMP | Type::TIMESTAMPTZ => DbDataType::Datetime,
        Type::UUID => DbDataType::Uuid,
        Type::JSONB | Type::JSON => DbDataType::Jsonb,
        Type::NUMERIC => DbDataType::Decimal,
        Type::INT4_RANGE => DbDataType::RangeInt32,
        Type::INT8_RANGE => DbDataType::RangeInt64,
        Type::NUM_RANGE => DbDataType::RangeDecimal,
        Type::INT4_ARRAY => DbDataType::ArrayInt32,
        Type::INT8_ARRAY => DbDataType::ArrayInt64,
        Type::NUMERIC_ARRAY => DbDataType::ArrayDecimal,
        Type::TEXT_ARRAY | Type::VARCHAR_ARRAY | Type::BPCHAR_ARRAY | Type::NAME_ARRAY => {
            DbDataType::ArrayStr
        }
        Type::INTERVAL => DbDataType::Interval,
        _ => DbDataType::Other(ty.name().to_owned()),
    }
}

/// Decodes one result cell. `raw` is the binary value, `None` for SQL NULL.
///
/// A type the WIT has no variant for comes back as `db-value::unsupported` holding
/// the raw binary encoding, never as an error.
pub fn db_value(ty: &Type, raw: Option<&[u8]>) -> Result<DbValue, BoxError> {
    let Some(raw) = raw else {
        return Ok(DbValue::DbNull);
    };
    Ok(match *ty {
        Type::BOOL => DbValue::Boolean(bool::from_sql(ty, raw)?),
        Type::CHAR => DbValue::Int8(i8::from_sql(ty, raw)?),
        Type::INT2 => DbValue::Int16(i16::from_sql(ty, raw)?),
        Type::INT4 => DbValue::Int32(i32::from_sql(ty, raw)?),
        Type::INT8 => DbValue::Int64(i64::from_sql(ty, raw)?),
        Type::FLOAT4 => DbValue::Floating32(f32::from_sql(ty, raw)?),
        Type::FLOAT8 => DbValue::Floating64(f64::from_sql(ty, raw)?),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
            DbValue::Str(String::from_sql(ty, raw)?)
        }
        Type::BYTEA => DbValue::Binary(raw.to_vec()),
        Type::DATE => DbValue::Date(date_tuple(NaiveDate::from_sql(ty, raw)?)),
        Type::TIME => DbValue::Time(time_tuple(NaiveTime::from_sql(ty, raw)?)),
        // Both are instants on the wire; the WIT says date-times are UTC.
        Type::TIMESTAMP | Type::TIMESTAMPTZ => {
            DbValue::Datetime(datetime_tuple(UtcDateTime::from_sql(ty, raw)?.0))
        }
        Type::UUID => DbValue::Uuid(uuid::Uuid::from_sql(ty, raw)?.hyphenated().to_string()),
        // The server's JSON text is passed through untouched so numbers keep their
        // precision and keys their order.
        Type::JSONB | Type::JSON => DbValue::Jsonb(JsonText::from_sql(ty, raw)?.0),
        Type::NUMERIC => DbValue::Decimal(decimal_from_sql(ty, raw)?.to_string()),
        Type::INT4_RANGE => DbValue::RangeInt32(decode_range(raw, |v: i32| v)?),
        Type::INT8_RANGE => DbValue::RangeInt64(decode_range(raw, |v: i64| v)?),
        Type::NUM_RANGE => DbValue::RangeDecimal(decode_range(raw, |v: Decimal| v.to_string())?),
        Type::INT4_ARRAY => DbValue::ArrayInt32(Vec::from_sql(ty, raw)?),
        Type::INT8_ARRAY => DbValue::ArrayInt64(Vec::from_sql(ty, raw)?),
        Type::NUMERIC_ARRAY => DbValue::ArrayDecimal(
            Vec::<Option<Decimal>>::from_sql(ty, raw)?
                .into_iter()
                .map(|d| d.map(|d| d.to_string()))
                .collect(),
        ),
        Type::TEXT_ARRAY | Type::VARCHAR_ARRAY | Type::BPCHAR_ARRAY | Type::NAME_ARRAY => {
            DbValue::ArrayStr(Vec::from_sql(ty, raw)?)
        }
        Type::INTERVAL => DbValue::Interval(PgInterval::from_sql(ty, raw)?.0),
        _ => DbValue::Unsupported(RawValue::from_sql(ty, raw)?.0.to_vec()),
    })
}

/// Turns a guest parameter into something `tokio-postgres` can bind. The error says
/// what was wrong with the value (it becomes `error::bad-parameter`).
pub fn sql_parameter(value: &ParameterValue) -> Result<SqlParameter, String> {
    Ok(match value {
        ParameterValue::Boolean(v) => Box::new(*v),
        // Narrow integers also bind to wider integer columns: no value can be lost.
        ParameterValue::Int8(v) => Box::new(Integer(*v)),
        ParameterValue::Int16(v) => Box::new(Integer(*v)),
        ParameterValue::Int32(v) => Box::new(Integer(*v)),
        ParameterValue::Int64(v) => Box::new(*v),
        ParameterValue::Floating32(v) => Box::new(*v),
        ParameterValue::Floating64(v) => Box::new(*v),
        ParameterValue::Str(v) => Box::new(v.clone()),
        ParameterValue::Binary(v) => Box::new(v.clone()),
        ParameterValue::Date(v) => Box::new(naive_date(*v)?),
        ParameterValue::Time(v) => Box::new(naive_time(*v)?),
        ParameterValue::Datetime(v) => Box::new(UtcDateTime(naive_datetime(*v)?)),
        ParameterValue::Timestamp(seconds) => Box::new(UtcDateTime(
            chrono::DateTime::from_timestamp(*seconds, 0)
                .ok_or_else(|| format!("timestamp {seconds} is out of range"))?
                .naive_utc(),
        )),
        ParameterValue::Uuid(v) => {
            Box::new(uuid::Uuid::parse_str(v).map_err(|e| format!("invalid UUID {v:?}: {e}"))?)
        }
        ParameterValue::Jsonb(v) => Box::new(JsonText::validated(v.clone())?),
        ParameterValue::Decimal(v) => Box::new(parse_decimal(v)?),
        ParameterValue::RangeInt32((lower, upper)) => Box::new(RangeParam {
            lower: *lower,
            upper: *upper,
        }),
        ParameterValue::RangeInt64((lower, upper)) => Box::new(RangeParam {
            lower: *lower,
            upper: *upper,
        }),
        ParameterValue::RangeDecimal((lower, upper)) => Box::new(RangeParam {
            lower: decimal_bound(lower)?,
            upper: decimal_bound(upper)?,
        }),
        ParameterValue::ArrayInt32(v) => Box::new(v.clone()),
        ParameterValue::ArrayInt64(v) => Box::new(v.clone()),
        ParameterValue::ArrayDecimal(v) => Box::new(
            v.iter()
                .map(|d| d.as_deref().map(parse_decimal).transpose())
                .collect::<Result<Vec<_>, _>>()?,
        ),
        ParameterValue::ArrayStr(v) => Box::new(v.clone()),
        ParameterValue::Interval(v) => Box::new(PgInterval(*v)),
        ParameterValue::DbNull => Box::new(PgNull),
    })
}

fn decimal_from_sql(ty: &Type, raw: &[u8]) -> Result<Decimal, BoxError> {
    Decimal::from_sql(ty, raw).map_err(|e| {
        format!(
            "numeric value does not fit a decimal of at most 28 significant digits \
             (NaN and infinities are not representable either); cast it to text: {e}"
        )
        .into()
    })
}

fn parse_decimal(text: &str) -> Result<Decimal, String> {
    // Scientific notation ("1e3") is valid SQL numeric input, so accept it too.
    Decimal::from_str_exact(text)
        .or_else(|_| Decimal::from_scientific(text))
        .map_err(|e| format!("invalid decimal {text:?}: {e}"))
}

type DecimalBound = Option<(Decimal, RangeBoundKind)>;

fn decimal_bound(bound: &Option<(String, RangeBoundKind)>) -> Result<DecimalBound, String> {
    bound
        .as_ref()
        .map(|(text, kind)| Ok((parse_decimal(text)?, *kind)))
        .transpose()
}

fn naive_date((year, month, day): (i32, u8, u8)) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(year, month.into(), day.into())
        .ok_or_else(|| format!("invalid date {year:04}-{month:02}-{day:02}"))
}

fn naive_time((hour, minute, second, nanos): (u8, u8, u8, u32)) -> Result<NaiveTime, String> {
    NaiveTime::from_hms_nano_opt(hour.into(), minute.into(), second.into(), nanos)
        .ok_or_else(|| format!("invalid time {hour:02}:{minute:02}:{second:02}.{nanos:09}"))
}

fn naive_datetime(
    (year, month, day, hour, minute, second, nanos): (i32, u8, u8, u8, u8, u8, u32),
) -> Result<NaiveDateTime, String> {
    Ok(NaiveDateTime::new(
        naive_date((year, month, day))?,
        naive_time((hour, minute, second, nanos))?,
    ))
}

// chrono keeps month/day/hour/minute/second within u8 range by construction, so the
// narrowing casts below cannot truncate.
fn date_tuple(date: NaiveDate) -> (i32, u8, u8) {
    (date.year(), date.month() as u8, date.day() as u8)
}

fn time_tuple(time: NaiveTime) -> (u8, u8, u8, u32) {
    (
        time.hour() as u8,
        time.minute() as u8,
        time.second() as u8,
        time.nanosecond(),
    )
}

fn datetime_tuple(datetime: NaiveDateTime) -> (i32, u8, u8, u8, u8, u8, u32) {
    let (year, month, day) = date_tuple(datetime.date());
    let (hour, minute, second, nanos) = time_tuple(datetime.time());
    (year, month, day, hour, minute, second, nanos)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bindings::spin::postgres4_0_0::postgres::Interval as WitInterval;
    use bytes::BytesMut;
    use tokio_postgres::types::IsNull;

    /// Encodes `param` as a value of PostgreSQL type `ty` and decodes it back.
    fn round_trip(param: ParameterValue, ty: &Type) -> DbValue {
        let sql = sql_parameter(&param).expect("parameter converts");
        let mut buf = BytesMut::new();
        let raw = match sql.to_sql_checked(ty, &mut buf).expect("type accepted") {
            IsNull::Yes => None,
            IsNull::No => Some(&buf[..]),
        };
        db_value(ty, raw).expect("value decodes")
    }

    fn dec(s: &str) -> String {
        s.to_string()
    }

    #[test]
    fn every_parameter_round_trips_through_its_wire_type() {
        use RangeBoundKind::{Exclusive, Inclusive};
        let interval = WitInterval {
            micros: -1_500_000,
            days: 3,
            months: 14,
        };
        let cases: Vec<(ParameterValue, Type, DbValue)> = vec![
            (
                ParameterValue::Boolean(true),
                Type::BOOL,
                DbValue::Boolean(true),
            ),
            (ParameterValue::Int8(-7), Type::CHAR, DbValue::Int8(-7)),
            (
                ParameterValue::Int16(-300),
                Type::INT2,
                DbValue::Int16(-300),
            ),
            (
                ParameterValue::Int32(i32::MIN),
                Type::INT4,
                DbValue::Int32(i32::MIN),
            ),
            (
                ParameterValue::Int64(i64::MAX),
                Type::INT8,
                DbValue::Int64(i64::MAX),
            ),
            (
                ParameterValue::Floating32(1.5),
                Type::FLOAT4,
                DbValue::Floating32(1.5),
            ),
            (
                ParameterValue::Floating64(-2.25),
                Type::FLOAT8,
                DbValue::Floating64(-2.25),
            ),
            (
                ParameterValue::Str("héllo".into()),
                Type::TEXT,
                DbValue::Str("héllo".into()),
            ),
            (
                ParameterValue::Str("v".into()),
                Type::VARCHAR,
                DbValue::Str("v".into()),
            ),
            (
                ParameterValue::Binary(vec![0, 255]),
                Type::BYTEA,
                DbValue::Binary(vec![0, 255]),
            ),
            (
                ParameterValue::Date((2024, 2, 29)),
                Type::DATE,
                DbValue::Date((2024, 2, 29)),
            ),
            (
                ParameterValue::Time((23, 59, 58, 123_456_000)),
                Type::TIME,
                DbValue::Time((23, 59, 58, 123_456_000)),
            ),
            (
                ParameterValue::Datetime((1999, 12, 31, 23, 59, 59, 1_000)),
                Type::TIMESTAMP,
                DbValue::Datetime((1999, 12, 31, 23, 59, 59, 1_000)),
            ),
            (
                ParameterValue::Datetime((2030, 1, 2, 3, 4, 5, 0)),
                Type::TIMESTAMPTZ,
                DbValue::Datetime((2030, 1, 2, 3, 4, 5, 0)),
            ),
            (
                ParameterValue::Timestamp(86_400 + 3_661),
                Type::TIMESTAMPTZ,
                DbValue::Datetime((1970, 1, 2, 1, 1, 1, 0)),
            ),
            (
                ParameterValue::Uuid("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11".into()),
                Type::UUID,
                DbValue::Uuid("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11".into()),
            ),
            (
                ParameterValue::Jsonb(br#"{"n":12345678901234567890}"#.to_vec()),
                Type::JSONB,
                DbValue::Jsonb(br#"{"n":12345678901234567890}"#.to_vec()),
            ),
            (
                ParameterValue::Jsonb(b"[1, 2]".to_vec()),
                Type::JSON,
                DbValue::Jsonb(b"[1, 2]".to_vec()),
            ),
            (
                ParameterValue::Decimal(dec("-12345.6700")),
                Type::NUMERIC,
                DbValue::Decimal(dec("-12345.6700")),
            ),
            (
                ParameterValue::RangeInt32((Some((1, Inclusive)), Some((10, Exclusive)))),
                Type::INT4_RANGE,
                DbValue::RangeInt32((Some((1, Inclusive)), Some((10, Exclusive)))),
            ),
            (
                ParameterValue::RangeInt64((None, Some((i64::MAX, Inclusive)))),
                Type::INT8_RANGE,
                DbValue::RangeInt64((None, Some((i64::MAX, Inclusive)))),
            ),
            (
                ParameterValue::RangeDecimal((Some((dec("0.5"), Exclusive)), None)),
                Type::NUM_RANGE,
                DbValue::RangeDecimal((Some((dec("0.5"), Exclusive)), None)),
            ),
            (
                ParameterValue::ArrayInt32(vec![Some(1), None, Some(-3)]),
                Type::INT4_ARRAY,
                DbValue::ArrayInt32(vec![Some(1), None, Some(-3)]),
            ),
            (
                ParameterValue::ArrayInt64(vec![]),
                Type::INT8_ARRAY,
                DbValue::ArrayInt64(vec![]),
            ),
            (
                ParameterValue::ArrayDecimal(vec![Some(dec("1.10")), None]),
                Type::NUMERIC_ARRAY,
                DbValue::ArrayDecimal(vec![Some(dec("1.10")), None]),
            ),
            (
                ParameterValue::ArrayStr(vec![Some("a".into()), None]),
                Type::TEXT_ARRAY,
                DbValue::ArrayStr(vec![Some("a".into()), None]),
            ),
            (
                ParameterValue::Interval(interval),
                Type::INTERVAL,
                DbValue::Interval(interval),
            ),
        ];
        for (param, ty, expected) in cases {
            let label = format!("{param:?} as {ty}");
            assert_eq!(round_trip(param, &ty), expected, "{label}");
        }
    }

    #[test]
    fn null_binds_to_and_decodes_from_every_type() {
        for ty in [
            Type::BOOL,
            Type::UUID,
            Type::INT4_RANGE,
            Type::POINT,
            Type::TEXT_ARRAY,
        ] {
            assert_eq!(
                round_trip(ParameterValue::DbNull, &ty),
                DbValue::DbNull,
                "{ty}"
            );
        }
    }

    #[test]
    fn narrow_integers_widen_but_never_narrow() {
        assert_eq!(
            round_trip(ParameterValue::Int8(-5), &Type::INT8),
            DbValue::Int64(-5)
        );
        assert_eq!(
            round_trip(ParameterValue::Int32(7), &Type::INT8),
            DbValue::Int64(7)
        );
        let wide = sql_parameter(&ParameterValue::Int32(7)).unwrap();
        let err = wide.to_sql_checked(&Type::INT2, &mut BytesMut::new());
        assert!(err.is_err(), "an int32 must not bind to smallint");
    }

    #[test]
    fn empty_range_reads_as_equal_exclusive_bounds() {
        // PostgreSQL canonicalises [5,5) to 'empty'; the WIT has no empty variant.
        let mut buf = BytesMut::new();
        postgres_protocol::types::empty_range_to_sql(&mut buf);
        let zero = Some((0, RangeBoundKind::Exclusive));
        assert_eq!(
            db_value(&Type::INT4_RANGE, Some(&buf)).unwrap(),
            DbValue::RangeInt32((zero, zero))
        );
    }

    #[test]
    fn bad_parameters_are_errors_not_panics() {
        let bad = [
            ParameterValue::Date((2023, 2, 29)),
            ParameterValue::Time((24, 0, 0, 0)),
            ParameterValue::Datetime((2023, 13, 1, 0, 0, 0, 0)),
            ParameterValue::Timestamp(i64::MAX),
            ParameterValue::Uuid("not-a-uuid".into()),
            ParameterValue::Jsonb(b"{".to_vec()),
            ParameterValue::Decimal("12,5".into()),
            ParameterValue::RangeDecimal((Some(("x".into(), RangeBoundKind::Inclusive)), None)),
            ParameterValue::ArrayDecimal(vec![Some("".into())]),
        ];
        for param in bad {
            assert!(
                sql_parameter(&param).is_err(),
                "{param:?} should be rejected"
            );
        }
    }

    #[test]
    fn scientific_decimal_input_is_accepted() {
        assert_eq!(
            round_trip(ParameterValue::Decimal("1.5e3".into()), &Type::NUMERIC),
            DbValue::Decimal("1500".into())
        );
    }

    #[test]
    fn unknown_types_are_unsupported_with_raw_bytes() {
        let raw = [0u8, 1, 2, 3];
        assert_eq!(data_type(&Type::POINT), DbDataType::Other("point".into()));
        assert_eq!(
            db_value(&Type::POINT, Some(&raw)).unwrap(),
            DbValue::Unsupported(raw.to_vec())
        );
    }

    #[test]
    fn malformed_wire_values_are_errors() {
        assert!(db_value(&Type::INT4, Some(&[1, 2])).is_err());
        assert!(db_value(&Type::INTERVAL, Some(&[0; 15])).is_err());
        assert!(db_value(&Type::INT4_RANGE, Some(&[2, 0, 0, 0, 4, 1])).is_err());
        assert!(db_value(&Type::JSONB, Some(&[2, b'1'])).is_err());
    }

    #[test]
    fn numeric_nan_is_a_conversion_error() {
        // NUMERIC binary for NaN: ndigits 0, weight 0, sign 0xC000, dscale 0.
        let nan = [0u8, 0, 0, 0, 0xC0, 0, 0, 0];
        let err = db_value(&Type::NUMERIC, Some(&nan)).unwrap_err();
        assert!(err.to_string().contains("cast it to text"), "{err}");
    }
}
