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
    parse_written(text).or_else(|| {
        OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
    })
}

/// The shape [`format`] writes, `YYYY-MM-DDTHH:MM:SS.mmmZ`, read digit by
/// digit: a session's expiry is read on every request that sends its
/// token. Anything else (another shape, a leap second) is `None`, for the
/// general parser.
fn parse_written(text: &str) -> Option<OffsetDateTime> {
    let bytes = text.as_bytes();
    let separators = [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (19, b'.'),
        (23, b'Z'),
    ];
    if bytes.len() != 24 || separators.iter().any(|&(at, c)| bytes[at] != c) {
        return None;
    }
    let number = |from: usize, to: usize| {
        bytes[from..to].iter().try_fold(0u16, |n, &digit| {
            digit
                .is_ascii_digit()
                .then(|| n * 10 + u16::from(digit - b'0'))
        })
    };
    let small = |from: usize, to: usize| number(from, to).and_then(|n| u8::try_from(n).ok());
    let month = time::Month::try_from(small(5, 7)?).ok()?;
    let date =
        time::Date::from_calendar_date(i32::from(number(0, 4)?), month, small(8, 10)?).ok()?;
    let time = time::Time::from_hms_milli(
        small(11, 13)?,
        small(14, 16)?,
        small(17, 19)?,
        number(20, 23)?,
    )
    .ok()?;
    Some(time::PrimitiveDateTime::new(date, time).assume_utc())
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
    fn reads_what_it_writes_as_the_general_parser_does() {
        let general = |text: &str| {
            time::OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
        };
        for text in [
            "2022-01-01T12:23:45.678Z",
            "0001-02-03T04:05:06.007Z",
            "9999-12-31T23:59:59.999Z",
            "2024-02-29T00:00:00.000Z",
            "2023-02-29T00:00:00.000Z",
            "2022-13-01T00:00:00.000Z",
            "2022-01-01T24:00:00.000Z",
            "2022-01-01T23:59:60.000Z",
            "2022-01-01T12:23:45.67Z",
            "2022-01-01T12:23:45.678+01:00",
            "2022-01-01 12:23:45.678Z",
            "2022-0a-01T12:23:45.678Z",
            "",
        ] {
            assert_eq!(parse_iso(text), general(text), "{text}");
        }
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
