//! Small `ToSql`/`FromSql` adapters for wire formats `tokio-postgres` has no Rust type
//! for (interval, ranges, SQL NULL of any type, raw bytes) or binds more narrowly than
//! the WIT intends (integers, UTC date-times, JSON text).

use std::fmt::Debug;

use bytes::{Buf, BufMut, BytesMut};
use postgres_protocol::types::{self as protocol, RangeBound};
use rust_decimal::Decimal;
use tokio_postgres::types::{to_sql_checked, FromSql, IsNull, ToSql, Type};

use crate::bindings::spin::postgres4_0_0::postgres::{Interval, RangeBoundKind};
use crate::convert::BoxError;

/// SQL NULL that binds to a parameter of any type.
#[derive(Debug)]
pub struct PgNull;

impl ToSql for PgNull {
    fn to_sql(&self, _: &Type, _: &mut BytesMut) -> Result<IsNull, BoxError> {
        Ok(IsNull::Yes)
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// The undecoded binary value of a column of any type.
#[derive(Debug)]
pub struct RawValue<'a>(pub &'a [u8]);

impl<'a> FromSql<'a> for RawValue<'a> {
    fn from_sql(_: &Type, raw: &'a [u8]) -> Result<Self, BoxError> {
        Ok(Self(raw))
    }

    fn accepts(_: &Type) -> bool {
        true
    }
}

/// An integer narrower than 64 bits that also binds to any wider integer type.
#[derive(Debug)]
pub struct Integer<T>(pub T);

pub trait NarrowInteger: Copy + Into<i64> + Debug + Sync + Send {
    const BYTES: u8;
}

impl NarrowInteger for i8 {
    const BYTES: u8 = 1;
}
impl NarrowInteger for i16 {
    const BYTES: u8 = 2;
}
impl NarrowInteger for i32 {
    const BYTES: u8 = 4;
}

fn integer_bytes(ty: &Type) -> Option<u8> {
    match *ty {
        Type::CHAR => Some(1),
        Type::INT2 => Some(2),
        Type::INT4 => Some(4),
        Type::INT8 => Some(8),
        _ => None,
    }
}

impl<T: NarrowInteger> ToSql for Integer<T> {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        let value: i64 = self.0.into();
        // `accepts` only lets through types at least as wide as T, so the
        // conversions cannot fail; they are checked anyway rather than cast.
        match *ty {
            Type::CHAR => i8::try_from(value)?.to_sql(ty, out),
            Type::INT2 => i16::try_from(value)?.to_sql(ty, out),
            Type::INT4 => i32::try_from(value)?.to_sql(ty, out),
            _ => value.to_sql(ty, out),
        }
    }

    fn accepts(ty: &Type) -> bool {
        integer_bytes(ty).is_some_and(|bytes| bytes >= T::BYTES)
    }

    to_sql_checked!();
}

/// A UTC date-time. `timestamp` and `timestamptz` share one binary encoding
/// (microseconds since 2000-01-01 UTC), and the WIT defines date-times as UTC, so
/// the value binds to and reads from both.
#[derive(Debug)]
pub struct UtcDateTime(pub chrono::NaiveDateTime);

impl ToSql for UtcDateTime {
    fn to_sql(&self, _: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        self.0.to_sql(&Type::TIMESTAMP, out)
    }

    fn accepts(ty: &Type) -> bool {
        matches!(*ty, Type::TIMESTAMP | Type::TIMESTAMPTZ)
    }

    to_sql_checked!();
}

impl FromSql<'_> for UtcDateTime {
    fn from_sql(_: &Type, raw: &[u8]) -> Result<Self, BoxError> {
        chrono::NaiveDateTime::from_sql(&Type::TIMESTAMP, raw).map(Self)
    }

    fn accepts(ty: &Type) -> bool {
        matches!(*ty, Type::TIMESTAMP | Type::TIMESTAMPTZ)
    }
}

/// JSON document text, for `json` and `jsonb` alike. The text is passed through
/// verbatim rather than re-serialised, which would round big numbers to f64.
#[derive(Debug)]
pub struct JsonText(pub Vec<u8>);

/// The only `jsonb` binary format version PostgreSQL has defined.
const JSONB_VERSION: u8 = 1;

impl JsonText {
    /// Checks the text is JSON, so a malformed document is a bad parameter rather
    /// than a server-side query failure.
    pub fn validated(text: Vec<u8>) -> Result<Self, String> {
        serde_json::from_slice::<serde::de::IgnoredAny>(&text)
            .map_err(|e| format!("invalid JSON: {e}"))?;
        Ok(Self(text))
    }
}

impl ToSql for JsonText {
    fn to_sql(&self, ty: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        if *ty == Type::JSONB {
            out.put_u8(JSONB_VERSION);
        }
        out.put_slice(&self.0);
        Ok(IsNull::No)
    }

    fn accepts(ty: &Type) -> bool {
        matches!(*ty, Type::JSON | Type::JSONB)
    }

    to_sql_checked!();
}

impl FromSql<'_> for JsonText {
    fn from_sql(ty: &Type, raw: &[u8]) -> Result<Self, BoxError> {
        let text = if *ty == Type::JSONB {
            match raw.split_first() {
                Some((&JSONB_VERSION, text)) => text,
                _ => return Err("unsupported jsonb encoding version".into()),
            }
        } else {
            raw
        };
        Ok(Self(text.to_vec()))
    }

    fn accepts(ty: &Type) -> bool {
        matches!(*ty, Type::JSON | Type::JSONB)
    }
}

/// `interval`: microseconds, days and months kept apart, as PostgreSQL does.
#[derive(Debug)]
pub struct PgInterval(pub Interval);

const INTERVAL_BYTES: usize = 16;

impl ToSql for PgInterval {
    fn to_sql(&self, _: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        out.put_i64(self.0.micros);
        out.put_i32(self.0.days);
        out.put_i32(self.0.months);
        Ok(IsNull::No)
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::INTERVAL
    }

    to_sql_checked!();
}

impl FromSql<'_> for PgInterval {
    fn from_sql(_: &Type, mut raw: &[u8]) -> Result<Self, BoxError> {
        if raw.len() != INTERVAL_BYTES {
            return Err(
                format!("interval must be {INTERVAL_BYTES} bytes, got {}", raw.len()).into(),
            );
        }
        Ok(Self(Interval {
            micros: raw.get_i64(),
            days: raw.get_i32(),
            months: raw.get_i32(),
        }))
    }

    fn accepts(ty: &Type) -> bool {
        *ty == Type::INTERVAL
    }
}

/// An element type of one of the range types the WIT has.
pub trait RangeElement: ToSql + for<'a> FromSql<'a> + Debug + Sync + Send {
    const ELEMENT: Type;
    const RANGE: Type;
    /// The point used to express an empty range (see [`decode_range`]).
    const ZERO: Self;
}

impl RangeElement for i32 {
    const ELEMENT: Type = Type::INT4;
    const RANGE: Type = Type::INT4_RANGE;
    const ZERO: Self = 0;
}
impl RangeElement for i64 {
    const ELEMENT: Type = Type::INT8;
    const RANGE: Type = Type::INT8_RANGE;
    const ZERO: Self = 0;
}
impl RangeElement for Decimal {
    const ELEMENT: Type = Type::NUMERIC;
    const RANGE: Type = Type::NUM_RANGE;
    const ZERO: Self = Decimal::ZERO;
}

pub type WitBound<T> = Option<(T, RangeBoundKind)>;

/// A range parameter; a missing bound is unbounded on that side.
#[derive(Debug)]
pub struct RangeParam<T> {
    pub lower: WitBound<T>,
    pub upper: WitBound<T>,
}

impl<T: RangeElement> ToSql for RangeParam<T> {
    fn to_sql(&self, _: &Type, out: &mut BytesMut) -> Result<IsNull, BoxError> {
        protocol::range_to_sql(
            |buf| write_bound(&self.lower, buf),
            |buf| write_bound(&self.upper, buf),
            out,
        )?;
        Ok(IsNull::No)
    }

    fn accepts(ty: &Type) -> bool {
        *ty == T::RANGE
    }

    to_sql_checked!();
}

fn write_bound<T: RangeElement>(
    bound: &WitBound<T>,
    buf: &mut BytesMut,
) -> Result<RangeBound<postgres_protocol::IsNull>, BoxError> {
    let Some((value, kind)) = bound else {
        return Ok(RangeBound::Unbounded);
    };
    let is_null = match value.to_sql(&T::ELEMENT, buf)? {
        IsNull::Yes => postgres_protocol::IsNull::Yes,
        IsNull::No => postgres_protocol::IsNull::No,
    };
    Ok(match kind {
        RangeBoundKind::Inclusive => RangeBound::Inclusive(is_null),
        RangeBoundKind::Exclusive => RangeBound::Exclusive(is_null),
    })
}

/// Decodes a range value, mapping each bound with `map`.
///
/// The WIT cannot say "empty", and reading an empty range as two missing bounds would
/// turn it into the unbounded range. It is returned as `(0, exclusive)..(0, exclusive)`
/// instead: a range that contains nothing, which PostgreSQL turns back into `empty`
/// if the guest writes it again.
pub fn decode_range<T: RangeElement, W: Clone>(
    raw: &[u8],
    map: impl Fn(T) -> W,
) -> Result<(WitBound<W>, WitBound<W>), BoxError> {
    match protocol::range_from_sql(raw)? {
        protocol::Range::Empty => {
            let point = Some((map(T::ZERO), RangeBoundKind::Exclusive));
            Ok((point.clone(), point))
        }
        protocol::Range::Nonempty(lower, upper) => {
            Ok((read_bound(lower, &map)?, read_bound(upper, &map)?))
        }
    }
}

fn read_bound<T: RangeElement, W>(
    bound: RangeBound<Option<&[u8]>>,
    map: &impl Fn(T) -> W,
) -> Result<WitBound<W>, BoxError> {
    let (raw, kind) = match bound {
        RangeBound::Unbounded => return Ok(None),
        RangeBound::Inclusive(raw) => (raw, RangeBoundKind::Inclusive),
        RangeBound::Exclusive(raw) => (raw, RangeBoundKind::Exclusive),
    };
    let raw = raw.ok_or("range bound is NULL")?;
    Ok(Some((map(T::from_sql(&T::ELEMENT, raw)?), kind)))
}
