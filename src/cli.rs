//! Command-line interface: every subcommand and flag, with the help text users see.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "tabletop",
    version,
    about = "Run cybersecurity tabletop exercises from the terminal",
    long_about = "Run cybersecurity tabletop exercises from the terminal: scenarios and incident plans are TOML files; \
                  `validate` checks them, `list` shows what is available, `schema` prints their JSON Schema."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check scenario and plan files (or folders of them) and report every problem
    Validate {
        /// Files or folders; folders are searched for .toml files
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Check scenarios against this plan instead of the one they name
        #[arg(long, value_name = "PLAN")]
        plan: Option<PathBuf>,
        /// Treat warnings as errors
        #[arg(long)]
        strict: bool,
    },
    /// List the scenarios tabletop can find: ./scenarios, your data folder, and the bundled ones
    List {
        /// Print JSON instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Print the JSON Schema of a file format, for editor completion and checks
    Schema {
        #[arg(value_enum)]
        kind: SchemaKind,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    Scenario,
    Plan,
}
