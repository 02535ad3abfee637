//! One module per subcommand; each returns the process exit code.

mod list;
mod schema;
mod validate;

use std::process::ExitCode;

use crate::cli::{Cli, Command};

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Validate {
            paths,
            plan,
            strict,
        }) => validate::run(&paths, plan.as_deref(), strict),
        Some(Command::List { json }) => list::run(json),
        Some(Command::Schema { kind }) => schema::run(kind),
        None => {
            use clap::CommandFactory;
            crate::cli::Cli::command().print_help()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
