//! Text the app writes for people: numbers without core's float formatting.

pub mod num;
