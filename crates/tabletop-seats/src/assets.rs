//! The pages and their script and style, built into the binary: nothing is
//! read from disk at run time, and nothing but these is served.

pub const SEAT_HTML: &str = include_str!("../assets/seat.html");
pub const ROOM_HTML: &str = include_str!("../assets/room.html");
pub const CSS: &str = include_str!("../assets/seats.css");
pub const COMMON_JS: &str = include_str!("../assets/common.js");
pub const SEAT_JS: &str = include_str!("../assets/seat.js");
pub const ROOM_JS: &str = include_str!("../assets/room.js");

/// Scripts and styles from this server only, no inline code, no frames, no
/// forms posting elsewhere: a participant's text can never run as code even
/// if it slipped past the page's own care.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'";
