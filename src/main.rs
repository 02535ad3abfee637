//! The `tabletop` command: argument parsing and wiring; the work happens in the library.

mod cli;
mod commands;
mod exit;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    quiet_on_closed_pipe();
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!(
                "tabletop: error: {}",
                tabletop_core::text::visible(&message(&error))
            );
            ExitCode::from(exit::code_for(&error))
        }
    }
}

/// The error and its causes, each said once: many errors already include
/// their cause in their own words.
fn message(error: &anyhow::Error) -> String {
    let mut text = String::new();
    for cause in error.chain().map(ToString::to_string) {
        if text.contains(&cause) {
            continue;
        }
        if !text.is_empty() {
            text.push_str(": ");
        }
        text.push_str(&cause);
    }
    text
}

/// A reader that stops early (`tabletop score T | head`) closes the pipe, and
/// printing fails from then on: that is a normal way for output to end, so
/// the program ends quietly with 0 instead of reporting a panic.
fn quiet_on_closed_pipe() {
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let message = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or_default();
        if message.starts_with("failed printing to std") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        report(info);
    }));
}
