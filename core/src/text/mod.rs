//! Text the app writes for people: counts in sentences, and numbers without core's float
//! formatting.

pub mod count;
pub mod num;
