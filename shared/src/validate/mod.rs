//! Input newtypes that parse once: a value of these types is known to be well formed.

mod id_card;
mod phone;

pub use id_card::{IdCardError, IdCardNumber, id_card_check_char};
pub use phone::{MobilePhone, PhoneError};
