//! One module per subcommand; each returns the process exit code.

mod archive;
mod handout;
mod list;
mod msel;
mod plan;
mod purge;
mod redact;
mod report;
mod run;
mod schema;
mod score;
mod seats;
mod sign;
mod trends;
mod validate;
mod verify;

use std::process::ExitCode;

use crate::cli::{Cli, Command, PlanCommand};

pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Some(Command::Validate {
            paths,
            plan,
            strict,
        }) => validate::run(&paths, plan.as_deref(), strict),
        Some(Command::List { json }) => list::run(json),
        Some(Command::Handout {
            scenario,
            reader,
            plan,
            format,
            output,
        }) => handout::run(
            &scenario,
            reader,
            plan.as_deref(),
            format,
            output.as_deref(),
        ),
        Some(Command::Import {
            msel,
            plan,
            output,
            map,
            force,
        }) => msel::import(&msel, &plan, output.as_deref(), &map, force),
        Some(Command::Export {
            scenario,
            format,
            output,
        }) => msel::export(&scenario, format, output.as_deref()),
        Some(Command::Schema { kind }) => schema::run(kind),
        Some(Command::Run {
            scenario,
            plan,
            seed,
            transcript,
            script,
            force,
            progress,
            anonymous,
            participant,
            speed,
            sign,
            seats,
        }) => run::run(run::RunArgs {
            scenario: &scenario,
            plan: plan.as_deref(),
            seed,
            transcript: transcript.as_deref(),
            script: script.as_deref(),
            force,
            progress,
            anonymous,
            participants: &participant,
            speed,
            sign: sign.as_deref(),
            seats: seats_args(&seats),
        }),
        Some(Command::Seats { transcript, json }) => seats::print(&transcript, json),
        Some(Command::Resume {
            transcript,
            script,
            progress,
            seats,
        }) => run::resume(&transcript, script.as_deref(), progress, seats_args(&seats)),
        Some(Command::Report {
            transcript,
            plan,
            format,
            output,
            anonymous,
            audience,
        }) => report::run(
            &transcript,
            plan.as_deref(),
            format,
            output.as_deref(),
            anonymous,
            audience,
        ),
        Some(Command::Review { transcripts }) => {
            match transcripts.as_slice() {
                [one] => tabletop_tui::review::run(one)?,
                [a, b] => tabletop_tui::compare::run(a, b)?,
                _ => unreachable!("clap takes one or two"),
            }
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Present { transcript }) => {
            tabletop_tui::room::present(&transcript)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Trends {
            dir,
            format,
            output,
        }) => trends::run(&dir, format, output.as_deref()),
        Some(Command::Verify {
            transcript,
            signer,
            allowed_signers,
        }) => verify::run(&transcript, signer.as_deref(), allowed_signers.as_deref()),
        Some(Command::Sign { files, key }) => sign::run(&files, key.as_deref()),
        Some(Command::Purge {
            dir,
            older_than,
            dry_run,
        }) => purge::run(&dir, older_than, dry_run),
        Some(Command::Archive {
            files,
            output,
            recipients,
            open,
            identity,
            remove,
        }) => archive::run(archive::ArchiveArgs {
            files: &files,
            output: &output,
            recipients: &recipients,
            open: open.as_deref(),
            identities: &identity,
            remove,
        }),
        Some(Command::Redact {
            transcript,
            output,
            names,
            drop,
            force,
        }) => redact::run(&transcript, &output, names, &drop, force),
        Some(Command::Plan {
            command: PlanCommand::Vocabulary { json },
        }) => plan::vocabulary(json),
        Some(Command::Plan {
            command: PlanCommand::Show { plan, json },
        }) => plan::show(&plan, json),
        Some(Command::Plan {
            command: PlanCommand::Diff { a, b, json },
        }) => plan::diff(&a, &b, json),
        Some(Command::Plan {
            command:
                PlanCommand::Import {
                    document,
                    org,
                    output,
                    force,
                },
        }) => plan::import(&document, org.as_deref(), output.as_deref(), force),
        Some(Command::Plan {
            command:
                PlanCommand::Init {
                    org,
                    framework,
                    regimes,
                    country,
                    output,
                    force,
                },
        }) => plan::init(
            &org,
            framework,
            &regimes,
            country.as_deref(),
            output.as_deref(),
            force,
        ),
        Some(Command::Score {
            transcript,
            plan,
            format,
        }) => score::run(&transcript, plan.as_deref(), format),
        None => match tabletop_tui::start(Some(seats::starter()))? {
            Some(summary) => run::after_console(summary),
            None => Ok(ExitCode::SUCCESS),
        },
    }
}

/// Where seats are served, when they are: `--listen`, or loopback's 7878.
fn seats_args(flags: &crate::cli::SeatsFlags) -> Option<run::SeatsArgs> {
    (flags.seats || flags.tls || flags.listen.is_some()).then(|| run::SeatsArgs {
        listen: flags
            .listen
            .unwrap_or_else(|| std::net::SocketAddr::from(([127, 0, 0, 1], 7878))),
        tls: flags.tls,
    })
}
