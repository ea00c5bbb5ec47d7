//! Password hashing: bcrypt, off the async runtime.
//!
//! bcrypt is slow on purpose; it runs on tokio's blocking pool so that one
//! sign-up never stalls the requests of others, and never under the store lock.

use crate::error::ParseError;

/// Hashes a password with bcrypt at the given cost.
pub async fn hash(password: String, cost: u32) -> Result<String, ParseError> {
    tokio::task::spawn_blocking(move || bcrypt::hash(password, cost))
        .await
        .map_err(ParseError::internal)?
        .map_err(ParseError::internal)
}

/// Whether `password` matches the bcrypt `hash`. A malformed hash matches nothing.
pub async fn verify(password: String, hash: String) -> Result<bool, ParseError> {
    tokio::task::spawn_blocking(move || bcrypt::verify(password, &hash).unwrap_or(false))
        .await
        .map_err(ParseError::internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stores_a_bcrypt_hash_that_verifies() {
        let hashed = hash("p_n7!-e8".into(), 4).await.unwrap();
        assert!(hashed.starts_with("$2"), "not a bcrypt hash: {hashed}");
        assert!(!hashed.contains("p_n7!-e8"));
        assert!(verify("p_n7!-e8".into(), hashed.clone()).await.unwrap());
        assert!(!verify("wrong".into(), hashed).await.unwrap());
    }
}
