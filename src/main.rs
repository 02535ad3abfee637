//! The `tabletop` command: argument parsing and wiring; the work happens in the library.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!(
                "tabletop: error: {}",
                tabletop_core::text::visible(&format!("{error:#}"))
            );
            ExitCode::from(2)
        }
    }
}
