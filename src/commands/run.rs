//! `tabletop run SCENARIO --script FILE`: a whole exercise from a response
//! script, on a virtual clock, with no terminal.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;
use tabletop_core::document::InvalidFile;
use tabletop_core::engine::{EventRecord, ExerciseSetup, Participant};
use tabletop_core::headless::{RunError, RunReport, Script, run_script};
use tabletop_core::library::{FindError, SearchPath, find_script, load_exercise};
use tabletop_core::plan::Plan;
use tabletop_core::regular_file;
use tabletop_core::scenario::Scenario;
use tabletop_core::session::Session;
use tabletop_core::text::visible;
use tabletop_core::transcript::default_path;
use tabletop_core::{Diagnostic, SourceFile};

pub struct RunArgs<'a> {
    pub scenario: &'a str,
    pub plan: Option<&'a str>,
    pub seed: Option<u64>,
    pub transcript: Option<&'a Path>,
    /// A path, or a name under scripts/.
    pub script: Option<&'a str>,
    pub force: bool,
    pub progress: bool,
    pub anonymous: bool,
    pub participants: &'a [String],
    pub speed: Option<u32>,
    /// Sign the headless run's transcript with this key (empty: the usual one).
    pub sign: Option<&'a Path>,
    /// Serve seats, and where.
    pub seats: Option<SeatsArgs>,
}

/// Where seats are served, and whether over HTTPS.
#[derive(Debug, Clone, Copy)]
pub struct SeatsArgs {
    pub listen: std::net::SocketAddr,
    pub tls: bool,
}

pub fn run(args: RunArgs<'_>) -> anyhow::Result<ExitCode> {
    let exercise = load_exercise(args.scenario, args.plan, &SearchPath::standard())?;
    let Some(script_path) = args.script else {
        return console(&exercise, &args);
    };
    let (script, script_source) = match load_script(script_path, &exercise.scenario, &exercise.plan)
    {
        Ok(loaded) => loaded,
        Err(invalid) => {
            println!("{}", invalid.render());
            return Ok(ExitCode::from(if invalid.unreadable { 2 } else { 1 }));
        }
    };
    let setup = ExerciseSetup {
        seed: args.seed.or(script.script.seed).unwrap_or(1),
        anonymous: script.script.anonymous,
        participants: script
            .participants
            .iter()
            .map(|p| Participant {
                name: p.name.clone(),
                roles: p.roles.iter().map(|r| r.to_string()).collect(),
            })
            .collect(),
    };
    let start = script.start();
    let path = args.transcript.map(Path::to_path_buf).unwrap_or_else(|| {
        default_path(
            Path::new("transcripts"),
            exercise.scenario.scenario.id.as_str(),
            start,
        )
    });
    make_room(&path, args.force)?;
    let mut session = Session::create_recorded(&path, &exercise, setup, start, chrono::Utc::now())
        .map_err(|e| {
            anyhow::anyhow!(
                "{e}{}",
                if path.is_file() {
                    " (the file exists: pass --force to replace it)"
                } else {
                    ""
                }
            )
        })?;
    let ran = run_script(&mut session, &script, |record| {
        print_progress(args.progress, record)
    });
    let Some(report) = stopped_at_refusal(ran, &script_source, &path)? else {
        return Ok(ExitCode::from(1));
    };
    print_report(&path, &report);
    if let Some(key) = args.sign {
        let key = if key.as_os_str().is_empty() {
            super::sign::default_key().ok_or_else(|| {
                anyhow::anyhow!("no SSH key found in ~/.ssh to sign with: give one, --sign KEY")
            })?
        } else {
            key.to_path_buf()
        };
        super::sign::sign_file(&path, &key)?;
    }
    Ok(ExitCode::SUCCESS)
}

/// The facilitator console on a new transcript.
fn console(
    exercise: &tabletop_core::session::Exercise,
    args: &RunArgs<'_>,
) -> anyhow::Result<ExitCode> {
    let mut participants = Vec::new();
    for given in args.participants {
        let (name, roles) = given
            .split_once('=')
            .ok_or_else(|| anyhow::anyhow!("--participant \"{given}\": write NAME=ROLE,ROLE"))?;
        if name.trim().is_empty() {
            anyhow::bail!(
                "--participant \"{given}\": the name is empty; write NAME=ROLE,ROLE, or run --anonymous"
            );
        }
        participants.push(Participant {
            name: name.trim().to_string(),
            roles: roles.split(',').map(|r| r.trim().to_string()).collect(),
        });
    }
    let setup = ExerciseSetup {
        seed: args.seed.unwrap_or_else(rand::random),
        anonymous: args.anonymous,
        participants,
    };
    let now = chrono::Utc::now();
    let path = args.transcript.map(Path::to_path_buf).unwrap_or_else(|| {
        default_path(
            Path::new("transcripts"),
            exercise.scenario.scenario.id.as_str(),
            now,
        )
    });
    make_room(&path, args.force)?;
    let mut settings = tabletop_tui::settings()?;
    settings.start_speed = args.speed.map(tabletop_core::engine::Speed);
    let session = Session::create(&path, exercise, setup, now)?;
    with_seats(session, settings, args.seats)
}

/// The console, serving seats on `listen` when asked; the seats stop when it closes.
fn with_seats(
    session: Session,
    settings: tabletop_tui::Settings,
    seats: Option<SeatsArgs>,
) -> anyhow::Result<ExitCode> {
    let Some(SeatsArgs { listen, tls }) = seats else {
        return after_console(tabletop_tui::run(session, settings)?);
    };
    let kept_for = settings.retention.map(|r| r.to_string());
    let seats = super::seats::serve(listen, tls, &session, kept_for)?;
    after_console(tabletop_tui::run_with_seats(
        session,
        settings,
        Some(seats),
    )?)
}

/// A new transcript never goes where anything but a regular file is; with
/// `--force` an old transcript (a regular file) is removed first.
fn make_room(path: &Path, force: bool) -> anyhow::Result<()> {
    if let Err(e) = regular_file::check_replaceable(path) {
        anyhow::bail!(
            "{}: {e}; choose another path with --transcript",
            visible(&path.display().to_string())
        );
    }
    if tabletop_core::transcript::in_use(path) {
        anyhow::bail!(
            "{}: another tabletop is writing this transcript; it is not replaced while it runs",
            visible(&path.display().to_string())
        );
    }
    if force && path.is_file() {
        std::fs::remove_file(path).with_context(|| format!("cannot replace {}", path.display()))?;
    }
    Ok(())
}

pub fn after_console(summary: tabletop_tui::Summary) -> anyhow::Result<ExitCode> {
    use std::io::Write;
    let path = visible(&summary.path);
    let message = if summary.ended {
        format!("The exercise has ended. Transcript: {path}")
    } else {
        format!("Everything so far is saved in {path}. Continue with: tabletop resume {path}")
    };
    // The terminal may be gone (a closed window); the transcript is safe either way.
    let _ = writeln!(std::io::stdout(), "{message}");
    Ok(ExitCode::SUCCESS)
}

/// `tabletop resume TRANSCRIPT [--script FILE]`: continues an interrupted exercise,
/// in the console or headless.
pub fn resume(
    transcript: &Path,
    script_path: Option<&str>,
    progress: bool,
    seats: Option<SeatsArgs>,
) -> anyhow::Result<ExitCode> {
    let (mut session, resumed) = Session::resume(transcript)?;
    if let Some(aside) = &resumed.set_aside {
        println!(
            "The last line of {} was incomplete (interrupted mid-write); it was moved to {}. The {} events before it are kept.",
            transcript.display(),
            aside.display(),
            resumed.events
        );
    }
    if session.engine().state().status == tabletop_core::engine::Status::Ended {
        eprintln!("tabletop: this exercise has already ended; nothing to resume");
        return Ok(ExitCode::from(1));
    }
    let Some(script_path) = script_path else {
        return with_seats(session, tabletop_tui::settings()?, seats);
    };
    let engine = session.engine();
    let (script, script_source) = match load_script(script_path, engine.scenario(), engine.plan()) {
        Ok(loaded) => loaded,
        Err(invalid) => {
            println!("{}", invalid.render());
            return Ok(ExitCode::from(if invalid.unreadable { 2 } else { 1 }));
        }
    };
    let ran = run_script(&mut session, &script, |record| {
        print_progress(progress, record)
    });
    let Some(report) = stopped_at_refusal(ran, &script_source, transcript)? else {
        return Ok(ExitCode::from(1));
    };
    print_report(transcript, &report);
    Ok(ExitCode::SUCCESS)
}

/// A run the engine refused a step of: the step is shown where the script
/// says it, and `None` tells the caller to exit 1. Everything recorded before
/// the step stays in the transcript, which can be resumed once it is mended.
fn stopped_at_refusal(
    ran: Result<RunReport, RunError>,
    script: &SourceFile,
    transcript: &Path,
) -> anyhow::Result<Option<RunReport>> {
    match ran {
        Ok(report) => Ok(Some(report)),
        Err(RunError::Refused { span, reason }) => {
            let diagnostic = match span {
                Some(span) => Diagnostic::error(reason, span),
                None => Diagnostic::whole_file(reason),
            }
            .with_help(format!(
                "the run stopped here and the exercise was not ended; mend the script, then `tabletop resume {} --script {}`",
                transcript.display(),
                script.name
            ));
            eprint!("{}", diagnostic.render(script));
            Ok(None)
        }
        Err(RunError::Session(e)) => Err(e.into()),
    }
}

fn load_script(
    name: &str,
    scenario: &Scenario,
    plan: &Plan,
) -> Result<(Script, SourceFile), InvalidFile> {
    let source = find_script(name, &SearchPath::standard()).map_err(|e| match e {
        FindError::Unreadable(invalid) | FindError::Invalid(invalid) => *invalid,
        not_found => InvalidFile::unreadable(
            SourceFile::new(name, ""),
            Diagnostic::whole_file(not_found.to_string())
                .with_help("give the script's path, or its name under scenarios/scripts/"),
        ),
    })?;
    let script: Script = tabletop_core::load::parse_script(&source)
        .map_err(|problems| InvalidFile::new(source.clone(), problems))?;
    let diagnostics = script.validate(scenario, plan);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(InvalidFile::new(source, diagnostics));
    }
    for warning in &diagnostics {
        eprint!("{}", warning.render(&source));
    }
    Ok((script, source))
}

fn print_progress(enabled: bool, record: &EventRecord) {
    if enabled {
        println!("recorded {} {}", record.seq, record.event.kind());
    }
}

fn print_report(path: &Path, report: &RunReport) {
    let minutes = report.elapsed_ms / 60_000;
    println!(
        "Recorded {} events to {} ({}h {:02}m of exercise, {} script steps run).",
        report.events,
        visible(&path.display().to_string()),
        minutes / 60,
        minutes % 60,
        report.steps_run
    );
    if !report.steps_not_run.is_empty() {
        println!(
            "Steps that never ran (their inject was not delivered on this path): {}",
            report.steps_not_run.join(", ")
        );
    }
    if !report.too_late.is_empty() {
        println!(
            "Decisions answered too late (recorded as not taken): {}",
            report.too_late.join(", ")
        );
    }
}
