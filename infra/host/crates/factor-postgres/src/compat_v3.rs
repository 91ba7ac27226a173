//! `spin:postgres@3.0.0` is a subset of `@4.0.0`: its parameters widen losslessly and
//! results narrow, with the types 3.0.0 lacks reported as `other` / `unsupported`.

use crate::bindings::spin::postgres3_0_0::postgres as v3;
use crate::bindings::spin::postgres4_0_0::postgres as v4;

pub fn parameter(value: v3::ParameterValue) -> v4::ParameterValue {
    use v3::ParameterValue as P3;
    use v4::ParameterValue as P4;
    match value {
        P3::Boolean(v) => P4::Boolean(v),
        P3::Int8(v) => P4::Int8(v),
        P3::Int16(v) => P4::Int16(v),
        P3::Int32(v) => P4::Int32(v),
        P3::Int64(v) => P4::Int64(v),
        P3::Floating32(v) => P4::Floating32(v),
        P3::Floating64(v) => P4::Floating64(v),
        P3::Str(v) => P4::Str(v),
        P3::Binary(v) => P4::Binary(v),
        P3::Date(v) => P4::Date(v),
        P3::Time(v) => P4::Time(v),
        P3::Datetime(v) => P4::Datetime(v),
        P3::Timestamp(v) => P4::Timestamp(v),
        P3::DbNull => P4::DbNull,
    }
}

pub fn row_set(rows: v4::RowSet) -> v3::RowSet {
    v3::RowSet {
        columns: rows
            .columns
            .into_iter()
            .map(|column| v3::Column {
                name: column.name,
                data_type: data_type(column.data_type),
            })
            .collect(),
        rows: rows
            .rows
            .into_iter()
            .map(|row| row.into_iter().map(value).collect())
            .collect(),
    }
}

fn data_type(data_type: v4::DbDataType) -> v3::DbDataType {
    use v3::DbDataType as T3;
    use v4::DbDataType as T4;
    match data_type {
        T4::Boolean => T3::Boolean,
        T4::Int8 => T3::Int8,
        T4::Int16 => T3::Int16,
        T4::Int32 => T3::Int32,
        T4::Int64 => T3::Int64,
        T4::Floating32 => T3::Floating32,
        T4::Floating64 => T3::Floating64,
        T4::Str => T3::Str,
        T4::Binary => T3::Binary,
        T4::Date => T3::Date,
        T4::Time => T3::Time,
        T4::Datetime => T3::Datetime,
        T4::Timestamp => T3::Timestamp,
        T4::Uuid
        | T4::Jsonb
        | T4::Decimal
        | T4::RangeInt32
        | T4::RangeInt64
        | T4::RangeDecimal
        | T4::ArrayInt32
        | T4::ArrayInt64
        | T4::ArrayDecimal
        | T4::ArrayStr
        | T4::Interval
        | T4::Other(_) => T3::Other,
    }
}

fn value(value: v4::DbValue) -> v3::DbValue {
    use v3::DbValue as V3;
    use v4::DbValue as V4;
    match value {
        V4::Boolean(v) => V3::Boolean(v),
        V4::Int8(v) => V3::Int8(v),
        V4::Int16(v) => V3::Int16(v),
        V4::Int32(v) => V3::Int32(v),
        V4::Int64(v) => V3::Int64(v),
        V4::Floating32(v) => V3::Floating32(v),
        V4::Floating64(v) => V3::Floating64(v),
        V4::Str(v) => V3::Str(v),
        V4::Binary(v) => V3::Binary(v),
        V4::Date(v) => V3::Date(v),
        V4::Time(v) => V3::Time(v),
        V4::Datetime(v) => V3::Datetime(v),
        V4::Timestamp(v) => V3::Timestamp(v),
        V4::DbNull => V3::DbNull,
        V4::Uuid(_)
        | V4::Jsonb(_)
        | V4::Decimal(_)
        | V4::RangeInt32(_)
        | V4::RangeInt64(_)
        | V4::RangeDecimal(_)
        | V4::ArrayInt32(_)
        | V4::ArrayInt64(_)
        | V4::ArrayDecimal(_)
        | V4::ArrayStr(_)
        | V4::Interval(_)
        | V4::Unsupported(_) => V3::Unsupported,
    }
}

pub fn error(error: v4::Error) -> v3::Error {
    match error {
        v4::Error::ConnectionFailed(m) => v3::Error::ConnectionFailed(m),
        v4::Error::BadParameter(m) => v3::Error::BadParameter(m),
        v4::Error::QueryFailed(v4::QueryError::Text(m)) => v3::Error::QueryFailed(m),
        v4::Error::QueryFailed(v4::QueryError::DbError(db)) => v3::Error::QueryFailed(db.as_text),
        v4::Error::ValueConversionFailed(m) => v3::Error::ValueConversionFailed(m),
        v4::Error::Other(m) => v3::Error::Other(m),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_types_narrow_to_other_and_unsupported() {
        let rows = row_set(v4::RowSet {
            columns: vec![
                v4::Column {
                    name: "id".into(),
                    data_type: v4::DbDataType::Int32,
                },
                v4::Column {
                    name: "u".into(),
                    data_type: v4::DbDataType::Uuid,
                },
            ],
            rows: vec![vec![v4::DbValue::Int32(1), v4::DbValue::Uuid("x".into())]],
        });
        assert!(matches!(rows.columns[0].data_type, v3::DbDataType::Int32));
        assert!(matches!(rows.columns[1].data_type, v3::DbDataType::Other));
        assert!(matches!(
            rows.rows[0][..],
            [v3::DbValue::Int32(1), v3::DbValue::Unsupported]
        ));
    }

    #[test]
    fn structured_db_errors_flatten_to_text() {
        let err = error(v4::Error::QueryFailed(v4::QueryError::DbError(
            v4::DbError {
                as_text: "db error: ERROR: boom".into(),
                severity: "ERROR".into(),
                code: "XX000".into(),
                message: "boom".into(),
                detail: None,
                extras: vec![],
            },
        )));
        assert!(matches!(err, v3::Error::QueryFailed(m) if m == "db error: ERROR: boom"));
    }
}
