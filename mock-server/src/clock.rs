//! Timestamps as Parse writes them: ISO 8601, UTC, milliseconds.

use time::{OffsetDateTime, format_description::FormatItem, macros::format_description};

const ISO_MILLIS: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z");

/// Now, e.g. `2022-01-01T12:23:45.678Z`.
pub fn now() -> String {
    format(OffsetDateTime::now_utc())
}

/// A moment, e.g. `2022-01-01T12:23:45.678Z`.
pub fn format(at: OffsetDateTime) -> String {
    at.to_offset(time::UtcOffset::UTC)
        .format(ISO_MILLIS)
        .unwrap_or_else(|_| at.unix_timestamp().to_string())
}

/// Reads an ISO 8601 moment (RFC 3339, e.g. `2022-01-01T12:23:45.678Z`).
pub fn parse_iso(text: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(text, &time::format_description::well_known::Rfc3339).ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn formats_with_milliseconds_and_z() {
        let at = time::macros::datetime!(2022-01-01 12:23:45.678 UTC);
        assert_eq!(super::format(at), "2022-01-01T12:23:45.678Z");
        assert_eq!(super::parse_iso("2022-01-01T12:23:45.678Z"), Some(at));
    }
}
