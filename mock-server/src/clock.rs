//! Timestamps as Parse writes them: ISO 8601, UTC, milliseconds.

use time::{OffsetDateTime, format_description::FormatItem, macros::format_description};

const ISO_MILLIS: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// Now, e.g. `2022-01-01T12:23:45.678Z`.
pub fn now() -> String {
    format(OffsetDateTime::now_utc())
}

/// A moment, e.g. `2022-01-01T12:23:45.678Z`.
///
/// Written digit by digit: every create and update stamps two of them, and
/// the general formatter was a measured cost there. Years outside
/// 0000–9999 go through it.
pub fn format(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    let Ok(year) = u32::try_from(at.year()) else {
        return general_format(at);
    };
    if year > 9999 {
        return general_format(at);
    }
    let mut out = String::with_capacity(24);
    let mut push = |n: u32, width: u32, then: Option<char>| {
        for place in (0..width).rev() {
            let digit = n / 10u32.pow(place) % 10;
            out.push(char::from(b'0' + digit as u8));
        }
        if let Some(c) = then {
            out.push(c);
        }
    };
    push(year, 4, Some('-'));
    push(u32::from(u8::from(at.month())), 2, Some('-'));
    push(u32::from(at.day()), 2, Some('T'));
    push(u32::from(at.hour()), 2, Some(':'));
    push(u32::from(at.minute()), 2, Some(':'));
    push(u32::from(at.second()), 2, Some('.'));
    push(u32::from(at.millisecond()), 3, Some('Z'));
    out
}

/// [`format`] by the general formatter.
fn general_format(at: OffsetDateTime) -> String {
    at.format(ISO_MILLIS)
        .unwrap_or_else(|_| at.unix_timestamp().to_string())
}

/// Reads an ISO 8601 moment (RFC 3339, e.g. `2022-01-01T12:23:45.678Z`).
pub fn parse_iso(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;

    use super::{format, general_format, parse_iso};

    #[test]
    fn formats_with_milliseconds_and_z() {
        let at = datetime!(2022-01-01 12:23:45.678 UTC);
        assert_eq!(format(at), "2022-01-01T12:23:45.678Z");
        assert_eq!(parse_iso("2022-01-01T12:23:45.678Z"), Some(at));
    }

    #[test]
    fn formats_as_the_general_formatter_does() {
        for at in [
            datetime!(0001-02-03 04:05:06.007 UTC),
            datetime!(1999-12-31 23:59:59.999999 UTC),
            datetime!(2026-11-30 00:00:00 +05:30),
            datetime!(9999-12-31 23:59:59.999 UTC),
            datetime!(-0001-06-15 12:00:00 UTC),
        ] {
            let utc = at.to_offset(time::UtcOffset::UTC);
            assert_eq!(format(at), general_format(utc), "{at}");
        }
    }
}
