pub mod home;
pub mod login;
pub mod members;
pub mod orgs;
