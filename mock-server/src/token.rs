//! Random identifiers. They come from rand's thread-local generator, a
//! cryptographically secure PRNG (ChaCha) seeded and periodically reseeded
//! from the operating system.

const ALPHANUMERIC: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::fill(&mut bytes);
    bytes
}

/// A revocable session token: `r:` and 32 lowercase hex digits (16 random
/// bytes), as Parse Server makes them.
pub fn session_token() -> String {
    let bytes: [u8; 16] = random_bytes();
    let mut token = String::with_capacity(34);
    token.push_str("r:");
    for b in bytes {
        token.push_str(&format!("{b:02x}"));
    }
    token
}

/// An object id: 10 characters from `[A-Za-z0-9]`.
pub fn object_id() -> String {
    random_string(10)
}

/// `len` random characters from `[A-Za-z0-9]`, without modulo bias.
pub fn random_string(len: usize) -> String {
    let mut out = String::with_capacity(len);
    while out.len() < len {
        let bytes: [u8; 32] = random_bytes();
        for b in bytes {
            // 248 = 4 * 62: reject the top values so every character is equally likely.
            if b < 248 && out.len() < len {
                out.push(ALPHANUMERIC[usize::from(b) % ALPHANUMERIC.len()] as char);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_tokens_are_r_and_32_hex_digits_and_differ() {
        let a = session_token();
        assert_eq!(a.len(), 34);
        assert!(a.starts_with("r:"));
        assert!(
            a[2..]
                .chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
        );
        assert_ne!(a, session_token());
    }

    #[test]
    fn object_ids_are_ten_alphanumerics() {
        let id = object_id();
        assert_eq!(id.len(), 10);
        assert!(id.chars().all(|c| c.is_ascii_alphanumeric()));
    }
}
