//! Electronic seals (电子印章, domain.md §7.1): each org's seal image and SM2 key pair, the
//! signer behind a trait (software now; a certified 密码设备 can be plugged in), and the log of
//! every use. Legal validity needs a certified CA and 密码设备 (see the README).

pub mod handlers;
pub mod image;
pub mod models;
pub mod repo;
pub mod service;
pub mod signer;

use crate::config::Config;
use crate::error::ApiError;

/// The signer this deployment uses.
pub fn signer_for(config: &Config) -> Result<Box<dyn signer::SealSigner>, ApiError> {
    Ok(Box::new(signer::SoftwareSm2 { secrets: crate::secrets::SecretBox::from_config(config)? }))
}

feature_routes!(SealsApi { handlers::get, handlers::update, handlers::upload_image, handlers::image, handlers::uses });
