//! Command-line interface: every subcommand and flag, with the help text users see.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "tabletop",
    version,
    about = "Run cybersecurity tabletop exercises from the terminal",
    long_about = "Run cybersecurity tabletop exercises from the terminal. With no command, opens the start screen: \
                  choose a scenario, a plan and who holds which role, resume an interrupted exercise, or review a finished one.",
    after_help = "Exit codes, the same for every command: 0 success; 1 the input is invalid or a check failed \
                  (validate, verify, a refused script step); 2 a usage or environment problem (bad arguments, \
                  a path that cannot be read or written). Output cut short by a closed pipe ends with 0."
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
        /// Check scenarios against this plan (id or path) instead of the one they name
        #[arg(long, value_name = "PLAN")]
        plan: Option<String>,
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
    /// Run an exercise in the facilitator console (or headless, with --script)
    Run {
        /// Scenario id or path
        scenario: String,
        /// Plan id or path (default: the plan the scenario names)
        #[arg(long)]
        plan: Option<String>,
        /// Seed for the wildcard draws, recorded in the transcript (default: a random one; with
        /// --script, the script's seed, or 1)
        #[arg(long)]
        seed: Option<u64>,
        /// Where to write the transcript (default: transcripts/<scenario>-<time>.jsonl)
        #[arg(long, value_name = "PATH")]
        transcript: Option<PathBuf>,
        /// Play the team's part from this response script (path, or name under scripts/), on a virtual clock, with no console
        #[arg(long, value_name = "FILE")]
        script: Option<String>,
        /// Replace the transcript file if it exists
        #[arg(long)]
        force: bool,
        /// Print each event as it is recorded (headless runs)
        #[arg(long)]
        progress: bool,
        /// Record roles only: no names anywhere in the transcript
        #[arg(long)]
        anonymous: bool,
        /// Who holds which roles, e.g. --participant "Dana Whitfield=incident-commander,legal"
        #[arg(long, value_name = "NAME=ROLE,...", conflicts_with = "anonymous")]
        participant: Vec<String>,
        /// Start the exercise clock at this speed, from 0.25 to 16 times real time (e.g. 0.5 or 2)
        #[arg(long, value_name = "X", value_parser = parse_speed)]
        speed: Option<u32>,
        /// Sign the transcript of a headless run with this SSH key when it ends (like `tabletop
        /// sign`; with no KEY, ~/.ssh/id_ed25519 and the like)
        #[arg(long, value_name = "KEY", num_args = 0..=1, default_missing_value = "", requires = "script")]
        sign: Option<PathBuf>,
        #[command(flatten)]
        seats: SeatsFlags,
    },
    /// Continue an interrupted exercise, appending to the same transcript
    Resume {
        transcript: PathBuf,
        /// Continue a headless run from this response script (path or name) instead of opening the console
        #[arg(long, value_name = "FILE")]
        script: Option<String>,
        /// Print each event as it is recorded
        #[arg(long)]
        progress: bool,
        /// Seats again, with new links: the old ones stopped with the old console
        #[command(flatten)]
        seats: SeatsFlags,
    },
    /// Print the seat links of a running exercise (served with `run --seats`)
    Seats {
        transcript: PathBuf,
        /// Print them as JSON
        #[arg(long)]
        json: bool,
    },
    /// Score a transcript against the plan it ran with, or another plan
    Score {
        transcript: PathBuf,
        /// Plan id or path to score against instead (e.g. a newer version)
        #[arg(long)]
        plan: Option<String>,
        #[arg(long, value_enum, default_value = "text")]
        format: ScoreFormat,
    },
    /// Write the after-action report and improvement plan of a transcript
    Report {
        transcript: PathBuf,
        /// Plan id or path to score against instead (e.g. a newer version)
        #[arg(long)]
        plan: Option<String>,
        /// md, html or json (default: from the -o file's extension, else md)
        #[arg(long, value_enum)]
        format: Option<ReportFormat>,
        /// Write to this file (atomically, readable by you only) instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Leave out participants' names (roles stay), free text included
        #[arg(long)]
        anonymous: bool,
        /// Who it is for: the facilitator (everything), the team (no facilitator notes), or the
        /// public (anonymous, no facilitator notes, no paths)
        #[arg(long, value_enum, default_value = "facilitator")]
        audience: AudienceArg,
    },
    /// Review a saved transcript event by event, with its score, and annotate it; with two, compare the runs
    Review {
        /// The transcript to review (and a second one to compare it with)
        #[arg(required = true, num_args = 1..=2)]
        transcripts: Vec<PathBuf>,
    },
    /// Show what the room sees of an exercise, following its transcript live: run it in a second
    /// window on the projector while the console runs in the first (read-only, never writes)
    Present {
        /// The transcript of the exercise, running or finished
        transcript: PathBuf,
    },
    /// Scores per phase and per role across every transcript in a folder, oldest first, and what keeps recurring
    Trends {
        /// Folder of transcripts (*.jsonl)
        dir: PathBuf,
        #[arg(long, value_enum, default_value = "text")]
        format: TrendsFormat,
        /// Write to this file (atomically, readable by you only) instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Write a copy of a transcript to share outside the room: names replaced everywhere, free
    /// text included, chosen text removed; it verifies and scores the same
    Redact {
        transcript: PathBuf,
        /// Where to write the copy (its annotations go beside it)
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: PathBuf,
        /// What names become: pseudonyms ("Participant 1") or the roles' titles
        #[arg(long, value_enum, default_value = "pseudonyms")]
        names: NamesArg,
        /// Free text to remove: notes, responses, annotations (comma-separated)
        #[arg(long, value_name = "WHAT", value_delimiter = ',')]
        drop: Vec<String>,
        /// Replace the output file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Check that a transcript is exactly as recorded (exit 1 names the first bad line); with
    /// --signer or --allowed-signers, also that its signature is good and whose it is
    Verify {
        transcript: PathBuf,
        /// The public key that should have signed it (KEY.pub)
        #[arg(long, value_name = "KEY.pub")]
        signer: Option<PathBuf>,
        /// An allowed-signers file, as `ssh-keygen -Y verify -f` reads it
        #[arg(long, value_name = "FILE")]
        allowed_signers: Option<PathBuf>,
    },
    /// Put an exercise's files (transcript, sidecars, reports, signatures) in one archive
    /// encrypted with age, which the standard `age` tool decrypts; or open one with --open
    #[command(
        after_help = "Examples:\n  tabletop archive transcripts/run.jsonl transcripts/run.jsonl.sig -o run.tar.age --to age1...\n  tabletop archive run.jsonl -o run.tar.age --to ~/.ssh/id_ed25519.pub --remove\n  tabletop archive --open run.tar.age -o restored/ --identity ~/.ssh/id_ed25519"
    )]
    Archive {
        /// The files to put in (none with --open)
        files: Vec<PathBuf>,
        /// The archive to write, or with --open the folder to open it into
        #[arg(short = 'o', long = "output", value_name = "PATH")]
        output: PathBuf,
        /// Who can open it: an age recipient (age1...), an SSH public key, or a file of them
        #[arg(
            long = "to",
            value_name = "RECIPIENT",
            required_unless_present = "open"
        )]
        recipients: Vec<String>,
        /// Open this archive instead
        #[arg(long, value_name = "ARCHIVE", conflicts_with_all = ["recipients", "remove"])]
        open: Option<PathBuf>,
        /// With --open: your age identity file or unencrypted SSH private key
        #[arg(long, value_name = "KEY")]
        identity: Vec<PathBuf>,
        /// Remove the plaintext files once the archive is written (says what it removed)
        #[arg(long)]
        remove: bool,
    },
    /// Remove exercises recorded longer ago than the retention, with their sidecars, signatures,
    /// torn lines and reports, and record each disposal in DIR/disposal.log
    Purge {
        /// Folder of transcripts (e.g. transcripts)
        dir: PathBuf,
        /// Keep exercises recorded within this time, e.g. 90d (default: `retention` in the config)
        #[arg(long, value_name = "AGE")]
        older_than: Option<tabletop_core::time::HumanDuration>,
        /// List what would be removed, and remove nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Sign transcripts and sidecars with your SSH key (FILE.sig beside each, the SSH signature
    /// format, namespace "tabletop"): any later change, even with the hash chain recomputed, fails
    /// `tabletop verify --signer`
    Sign {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The private key (default: ~/.ssh/id_ed25519, id_ecdsa or id_rsa). A key with a
        /// passphrase, in an agent (give KEY.pub) or on a security key is signed with ssh-keygen
        #[arg(long, value_name = "KEY")]
        key: Option<PathBuf>,
    },
    /// Print the JSON Schema of a file format, for editor completion and checks
    Schema {
        #[arg(value_enum)]
        kind: SchemaKind,
    },
    /// Build a scenario from a spreadsheet MSEL (CSV or XLSX) against a plan, with a TODO for
    /// everything it could not map
    Import {
        /// The MSEL: .csv (comma, semicolon or tab) or .xlsx
        msel: PathBuf,
        /// Plan id or path: roles, actions and triggers are matched against it
        #[arg(long)]
        plan: String,
        /// Write the scenario here (readable by you only) instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Read a column the usual names miss, e.g. --map "Injection time=at"
        #[arg(long, value_name = "COLUMN=FIELD")]
        map: Vec<String>,
        /// Replace the output file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Write a scenario's MSEL: one row per inject and wildcard card (csv and xlsx import back
    /// unchanged; md and html are for reading and printing)
    Export {
        /// Scenario id or path
        scenario: String,
        /// csv, xlsx, md or html (default: from the -o file's extension, else csv)
        #[arg(long, value_enum)]
        format: Option<ExportFormat>,
        /// Write to this file (readable by you only) instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print a handout for the people in the room: the participants' situation manual, the
    /// facilitator's guide or the evaluators' guide
    Handout {
        /// Scenario id or path
        scenario: String,
        /// participant (background, roles, ground rules; nothing facilitator-only), facilitator
        /// (every inject, note, option and branch) or evaluator (what to watch for, per objective)
        #[arg(long = "for", value_enum, value_name = "READER")]
        reader: HandoutReader,
        /// Plan id or path (default: the plan the scenario names)
        #[arg(long)]
        plan: Option<String>,
        /// html or md (default: from the -o file's extension, else md)
        #[arg(long, value_enum)]
        format: Option<HandoutFormat>,
        /// Write to this file (readable by you only) instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Incident plans: the standard actions and roles scenarios name
    Plan {
        #[command(subcommand)]
        command: PlanCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Make a plan from your incident response plan document (Markdown or Word .docx): headings
    /// as phases, a roles table as roles, list items as actions with owners and deadlines read
    /// from the text; a TODO marks each guess
    Import {
        /// The document: .md or .docx
        document: PathBuf,
        /// The organisation's name (else a TODO)
        #[arg(long)]
        org: Option<String>,
        /// Write the plan here instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the output file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Write a complete, commented starter plan: the standard roles and actions with owners and
    /// deadlines to review, and the clocks of each regulatory regime chosen
    Init {
        /// The organisation's name
        #[arg(long)]
        org: String,
        /// How the plan's phases are organised: csf2 (NIST SP 800-61r3, CSF 2.0 functions) or
        /// 800-61r2 (the four-phase lifecycle)
        #[arg(long, value_enum, default_value = "csf2")]
        framework: FrameworkArg,
        /// Regimes whose clocks the plan carries, comma-separated: gdpr, uk-gdpr, nis2, dora,
        /// sec, nydfs, hipaa, pci-dss, cyber-insurance (docs/regulatory-clocks.md)
        #[arg(long, value_delimiter = ',', value_name = "LIST")]
        regimes: Vec<String>,
        /// The country whose laws apply (named in the NIS2 review note)
        #[arg(long)]
        country: Option<String>,
        /// Write the plan here instead of standard output
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
        /// Replace the output file if it exists
        #[arg(long)]
        force: bool,
    },
    /// What changed between two plans or two versions of one: roles, phases, triggers,
    /// actions (owners, deadlines, weights) and obligations
    Diff {
        /// The earlier plan (id or path)
        a: String,
        /// The later plan (id or path)
        b: String,
        /// As JSON, for tools
        #[arg(long)]
        json: bool,
    },
    /// A plan's roles, its actions by phase (ids, owners, deadlines), triggers and obligations
    Show {
        /// Plan id or path; `tabletop list` shows the plans it can find
        plan: String,
        /// As JSON, for tools
        #[arg(long)]
        json: bool,
    },
    /// The standard actions and roles: a plan's actions and roles use these ids or say which
    /// one they implement (`implements = "notify-regulator"`)
    Vocabulary {
        /// As JSON, for tools
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum AudienceArg {
    Facilitator,
    Team,
    Public,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ScoreFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Html,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FrameworkArg {
    Csf2,
    #[value(name = "800-61r2")]
    Sp80061r2,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum NamesArg {
    Pseudonyms,
    Roles,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HandoutReader {
    Participant,
    Facilitator,
    Evaluator,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HandoutFormat {
    Html,
    Md,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Md,
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum TrendsFormat {
    Text,
    Json,
    Html,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SchemaKind {
    Scenario,
    Plan,
    Script,
}

/// A clock speed as thousandths of real time, from "2" or "0.5".
fn parse_speed(text: &str) -> Result<u32, String> {
    let factor: f64 = text
        .parse()
        .map_err(|_| format!("\"{text}\" is not a number: write a speed such as 2 or 0.5"))?;
    if !(0.25..=16.0).contains(&factor) {
        return Err(format!(
            "{factor} is out of range: the clock runs from 0.25 to 16 times real time"
        ));
    }
    Ok((factor * 1000.0).round() as u32)
}

/// Participants' seats for a console run (`run` and `resume`).
#[derive(Debug, clap::Args)]
pub struct SeatsFlags {
    /// Serve the participants' seats: each gets a link (and a QR code on the console's seats
    /// screen, key s) to follow the exercise, vote and answer on their own device
    #[arg(long, conflicts_with = "script")]
    pub seats: bool,
    /// Where the seats are served (implies --seats; default 127.0.0.1:7878). Give the
    /// machine's address on the room's network, e.g. 192.168.1.20:7878, for phones to reach it
    #[arg(long, value_name = "ADDR:PORT", conflicts_with = "script")]
    pub listen: Option<std::net::SocketAddr>,
    /// Serve the seats over HTTPS with a certificate made for this exercise (implies --seats);
    /// the seats screen shows its fingerprint to compare with the browser's
    #[arg(long, conflicts_with = "script")]
    pub tls: bool,
}
