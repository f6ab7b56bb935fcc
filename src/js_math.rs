//! The map's arithmetic in the browser: JavaScript's own `Math` behind the model's
//! [`event_model::geo::Math`], so the wasm carries no libm trigonometry (~12 KB). Native builds
//! (the app's unit tests) use Rust's functions.

use event_model::geo::Math;

/// The functions for this build: the browser's in wasm, Rust's natively.
#[cfg(target_arch = "wasm32")]
pub const MATH: &dyn Math = &JsMath;
#[cfg(not(target_arch = "wasm32"))]
pub const MATH: &dyn Math = &event_model::geo::Native;

/// `Math.sin` and friends, called through wasm-bindgen.
#[cfg(target_arch = "wasm32")]
struct JsMath;

#[cfg(target_arch = "wasm32")]
impl Math for JsMath {
    fn sin(&self, x: f64) -> f64 {
        js_sys::Math::sin(x)
    }
    fn cos(&self, x: f64) -> f64 {
        js_sys::Math::cos(x)
    }
    fn ln(&self, x: f64) -> f64 {
        js_sys::Math::log(x)
    }
    fn exp(&self, x: f64) -> f64 {
        js_sys::Math::exp(x)
    }
    fn atan(&self, x: f64) -> f64 {
        js_sys::Math::atan(x)
    }
}
