//! HTTPS for the seats with a certificate made for this exercise alone:
//! self-signed, so each browser asks once whether to trust it, and the
//! console shows its SHA-256 fingerprint for people to compare with what
//! their browser shows before they accept it.

use std::sync::Arc;

use rustls::ServerConfig;
use rustls::pki_types::{CertificateDer, PrivateKeyDer, PrivatePkcs8KeyDer};
use sha2::{Digest, Sha256};

pub(crate) struct Made {
    pub config: Arc<ServerConfig>,
    /// SHA-256 of the certificate, as browsers show it: `AB:CD:...`.
    pub fingerprint: String,
    /// The certificate, PEM, for a client that pins it.
    pub pem: String,
}

/// A new key and certificate for `host` (and `localhost`), valid for the
/// exercise's address only; nothing is written to disk.
pub(crate) fn make(host: &str) -> std::io::Result<Made> {
    let names = vec![
        host.trim_matches(['[', ']']).to_string(),
        "localhost".to_string(),
    ];
    let made = rcgen::generate_simple_self_signed(names).map_err(std::io::Error::other)?;
    let der: CertificateDer<'static> = made.cert.der().clone();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.signing_key.serialize_der()));
    let config =
        ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
            .with_safe_default_protocol_versions()
            .map_err(std::io::Error::other)?
            .with_no_client_auth()
            .with_single_cert(vec![der.clone()], key)
            .map_err(std::io::Error::other)?;
    let fingerprint = Sha256::digest(der.as_ref())
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":");
    Ok(Made {
        config: Arc::new(config),
        fingerprint,
        pem: made.cert.pem(),
    })
}
