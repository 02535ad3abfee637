//! `tabletop import` and `tabletop export`: a scenario from a spreadsheet
//! MSEL, and the MSEL back out of a scenario.

use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use tabletop_core::library::{SearchPath, find_plan, find_scenario};
use tabletop_core::msel::{self, Column};
use tabletop_core::private_file::write_private;
use tabletop_core::text::visible;
use tabletop_core::{InvalidFile, SourceFile, load_plan, load_scenario};

use crate::cli::ExportFormat;

/// Spreadsheets are small; a bigger file is not an MSEL.
const MAX_SHEET_BYTES: u64 = 32 * 1024 * 1024;

pub fn import(
    path: &Path,
    plan: &str,
    output: Option<&Path>,
    maps: &[String],
    force: bool,
) -> anyhow::Result<ExitCode> {
    let maps = parse_maps(maps)?;
    let plan_file = find_plan(plan, None, &SearchPath::standard())?;
    let (plan, _) = load_plan(&plan_file)?;
    let bytes = tabletop_core::regular_file::read(path, MAX_SHEET_BYTES)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let workbook = bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    let sheet = if workbook {
        msel::read_workbook(&bytes)
    } else {
        msel::read_csv(&bytes)
    }
    .with_context(|| format!("{} is not a spreadsheet tabletop can read", path.display()))?;
    let name = path
        .file_stem()
        .map_or("imported".into(), |s| s.to_string_lossy().into_owned());
    let imported = msel::import(&sheet, &plan, &name, &maps);

    let shown_name = output.map_or("(standard output)".to_string(), |o| o.display().to_string());
    let source = SourceFile::new(shown_name.clone(), imported.text.clone());
    let valid = match load_scenario(&source, Some(&plan)) {
        Ok(_) => true,
        Err(invalid) => {
            eprint!("{}", InvalidFile::render(&invalid));
            false
        }
    };
    match output {
        Some(out) => {
            if out.exists() && !force {
                bail!(
                    "{} exists: choose another file with -o, or pass --force to replace it",
                    out.display()
                );
            }
            write_private(out, imported.text.as_bytes())
                .with_context(|| format!("could not write {}", out.display()))?;
        }
        None => print!("{}", imported.text),
    }
    eprintln!(
        "tabletop: imported {} row(s) into {}{}",
        sheet.rows.len(),
        visible(&shown_name),
        if valid {
            "; it validates"
        } else {
            "; it needs the fixes above before it validates"
        }
    );
    if !imported.todos.is_empty() {
        eprintln!(
            "{} thing(s) to decide, each marked # TODO in the file:",
            imported.todos.len()
        );
        for todo in &imported.todos {
            eprintln!("  - {}", visible(todo));
        }
    }
    Ok(if valid {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}

fn parse_maps(maps: &[String]) -> anyhow::Result<Vec<(String, Column)>> {
    maps.iter()
        .map(|m| {
            let Some((header, field)) = m.rsplit_once('=') else {
                bail!(
                    "--map \"{m}\" needs the form COLUMN=FIELD, e.g. --map \"Injection time=at\""
                );
            };
            let column = Column::from_field(field).with_context(|| {
                format!(
                    "--map \"{m}\": `{field}` is not a field; fields: {}",
                    Column::ALL.map(Column::field).join(", ")
                )
            })?;
            Ok((header.trim().to_string(), column))
        })
        .collect()
}

pub fn export(
    scenario: &str,
    format: Option<ExportFormat>,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let file = find_scenario(scenario, &SearchPath::standard())?;
    // Checked alone: an export needs a well-formed scenario, not its plan.
    load_scenario(&file, None)?;
    let sheet = msel::export(&file.text).context("the scenario could not be read as TOML")?;
    let format = format
        .or_else(|| {
            let ext = output?.extension()?.to_str()?.to_lowercase();
            match ext.as_str() {
                "csv" => Some(ExportFormat::Csv),
                "xlsx" => Some(ExportFormat::Xlsx),
                "md" => Some(ExportFormat::Md),
                "html" | "htm" => Some(ExportFormat::Html),
                _ => None,
            }
        })
        .unwrap_or(ExportFormat::Csv);
    let title = title_of(&file);
    let bytes = match format {
        ExportFormat::Csv => msel::write_csv(&sheet),
        ExportFormat::Xlsx => msel::write_xlsx(&sheet, "MSEL")?,
        ExportFormat::Md => msel::markdown(&sheet, &title).into_bytes(),
        ExportFormat::Html => msel::html_page(&sheet, &title).into_bytes(),
    };
    match output {
        Some(path) => {
            write_private(path, &bytes)
                .with_context(|| format!("could not write {}", path.display()))?;
            eprintln!(
                "tabletop: wrote the MSEL ({} row(s)) to {}",
                sheet.rows.len(),
                visible(&path.display().to_string())
            );
        }
        None if matches!(format, ExportFormat::Xlsx)
            && std::io::IsTerminal::is_terminal(&std::io::stdout()) =>
        {
            bail!("an XLSX workbook is binary: write it to a file with -o MSEL.xlsx");
        }
        None => {
            use std::io::Write;
            std::io::stdout().write_all(&bytes)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn title_of(file: &SourceFile) -> String {
    tabletop_core::load::parse_scenario(file)
        .map(|s| s.scenario.title)
        .unwrap_or_else(|_| file.name.clone())
}
