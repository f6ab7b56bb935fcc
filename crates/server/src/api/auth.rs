//! Tokens: the one a join hands out (32 random bytes, base64url, stored only as its SHA-256),
//! the organizer's (from the configuration), and reading `Authorization: Bearer …`.
//!
//! Both are compared in constant time on their SHA-256, so neither a token's content nor its
//! length leaks through how fast a wrong one is refused.

use axum::http::header::AUTHORIZATION;
use axum::http::HeaderMap;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// A new sign-up token and the hash that is stored of it.
pub fn new_token() -> Result<(String, [u8; 32]), getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    Ok((token, hash))
}

/// What is stored of a token, and what a presented token is compared as.
pub fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

/// The token of an `Authorization: Bearer <token>` header (the scheme in any case); `None` when
/// there is no such header or it is not a bearer token.
pub fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// The organizer token, when one is configured; only its hash is kept in memory.
#[derive(Clone, Default)]
pub struct OrganizerToken(Option<[u8; 32]>);

impl std::fmt::Debug for OrganizerToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let shown = if self.0.is_some() { "set" } else { "none" };
        f.debug_tuple("OrganizerToken").field(&shown).finish()
    }
}

impl OrganizerToken {
    pub fn new(token: Option<&str>) -> OrganizerToken {
        OrganizerToken(token.filter(|t| !t.is_empty()).map(token_hash))
    }

    pub fn is_set(&self) -> bool {
        self.0.is_some()
    }

    /// Whether `presented` is the organizer token, in constant time.
    pub fn matches(&self, presented: &str) -> bool {
        match &self.0 {
            Some(hash) => bool::from(hash.ct_eq(&token_hash(presented))),
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn with_authorization(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(AUTHORIZATION, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn a_token_is_43_base64url_characters_and_never_repeats() -> Result<(), getrandom::Error> {
        let (first, hash) = new_token()?;
        let (second, _) = new_token()?;
        assert_eq!(first.len(), 43);
        assert!(first
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_ne!(first, second);
        assert_eq!(hash, token_hash(&first));
        Ok(())
    }

    #[test]
    fn only_a_bearer_authorization_carries_a_token() {
        assert_eq!(bearer(&with_authorization("Bearer abc")), Some("abc"));
        assert_eq!(bearer(&with_authorization("bearer  abc ")), Some("abc"));
        assert_eq!(bearer(&with_authorization("Basic YTpi")), None);
        assert_eq!(bearer(&with_authorization("Bearer")), None);
        assert_eq!(bearer(&HeaderMap::new()), None);
    }

    #[test]
    fn the_organizer_token_matches_itself_only_and_an_empty_one_is_none() {
        let organizer = OrganizerToken::new(Some("s3cret-organizer"));
        assert!(organizer.matches("s3cret-organizer"));
        assert!(!organizer.matches("s3cret-organize"));
        assert!(!organizer.matches(""));
        assert!(!OrganizerToken::new(Some("")).is_set());
        assert!(!OrganizerToken::new(None).matches(""));
        assert!(!format!("{organizer:?}").contains("s3cret"));
    }
}
