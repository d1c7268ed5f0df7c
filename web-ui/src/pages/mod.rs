pub mod development;
pub mod home;
pub mod hr;
pub mod login;
pub mod meetings;
pub mod members;
pub mod notify;
pub mod orgs;
