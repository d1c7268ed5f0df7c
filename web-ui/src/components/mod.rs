pub mod area_view;
pub mod fields;
pub mod layout;
pub mod load;
pub mod paged;
pub mod richtext;
pub mod states;
