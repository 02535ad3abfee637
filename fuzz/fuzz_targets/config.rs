//! Any bytes as the user's config file: keys and colours, or located
//! problems; never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tabletop_core::SourceFile;
use tabletop_tui::config::parse;
use tabletop_tui::theme::Theme;

fuzz_target!(|bytes: &[u8]| {
    let Ok(source) = SourceFile::from_bytes("config.toml", bytes.to_vec()) else {
        return;
    };
    if let Err(invalid) = parse(&source, Theme::plain()) {
        let _ = invalid.render();
    }
});
