//! A spreadsheet as rows of cells, read from CSV or XLSX and written to either.

use std::io::Cursor;

/// One cell: text, or a number (a spreadsheet time cell is a fraction of a day).
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
}

impl Cell {
    pub fn text(&self) -> String {
        match self {
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 => format!("{n:.0}"),
            Cell::Number(n) => n.to_string(),
        }
    }
}

/// The first row holds the headers; the rest are the events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sheet {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("cannot read the CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot read the workbook: {0}")]
    Workbook(String),
    #[error("the spreadsheet is empty: it needs a header row and one row per inject")]
    Empty,
}

/// Reads CSV text; the delimiter (comma, semicolon or tab) is taken from the
/// header line, as spreadsheets in some locales write semicolons.
pub fn read_csv(bytes: &[u8]) -> Result<Sheet, SheetError> {
    // Spreadsheets in Western locales save "CSV" as Windows-1252, not UTF-8:
    // accented letters come through either way.
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0,
    };
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers: Vec<String> = match records.next() {
        Some(r) => r?.iter().map(|h| h.trim().to_string()).collect(),
        None => return Err(SheetError::Empty),
    };
    let mut rows = Vec::new();
    for record in records {
        let record = record?;
        let row: Vec<Cell> = record.iter().map(|c| Cell::Text(c.to_string())).collect();
        if row.iter().any(|c| !c.text().is_empty()) {
            rows.push(row);
        }
    }
    Ok(Sheet { headers, rows })
}

/// Reads the first worksheet of an XLSX (or XLS, ODS) workbook.
pub fn read_workbook(bytes: &[u8]) -> Result<Sheet, SheetError> {
    use calamine::{Data, Reader};
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes.to_vec()))
        .map_err(|e| SheetError::Workbook(e.to_string()))?;
    let range = book
        .worksheet_range_at(0)
        .ok_or(SheetError::Empty)?
        .map_err(|e| SheetError::Workbook(e.to_string()))?;
    let mut rows = range.rows().map(|row| {
        row.iter()
            .map(|cell| match cell {
                Data::Int(i) => Cell::Number(*i as f64),
                Data::Float(f) => Cell::Number(*f),
                Data::DateTime(d) => Cell::Number(d.as_f64()),
                Data::Bool(b) => Cell::Text(b.to_string()),
                Data::Empty => Cell::Text(String::new()),
                other => Cell::Text(other.to_string()),
            })
            .collect::<Vec<_>>()
    });
    let headers = rows.next().ok_or(SheetError::Empty)?;
    Ok(Sheet {
        headers: headers.iter().map(Cell::text).collect(),
        rows: rows
            .filter(|r| r.iter().any(|c| !c.text().is_empty()))
            .collect(),
    })
}

pub fn write_csv(sheet: &Sheet) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let _ = writer.write_record(&sheet.headers);
    for row in &sheet.rows {
        let _ = writer.write_record(row.iter().map(|c| defuse(&c.text())));
        // (Cells were made visible line by line when the rows were built.)
    }
    writer.into_inner().unwrap_or_default()
}

/// A cell that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first)
/// gets a leading apostrophe: exported text is data, never a formula.
fn defuse(text: &str) -> String {
    if text.starts_with(['=', '@']) || (text.starts_with(['+', '-']) && !looks_like_time(text)) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// `+2h`, `-5m` and `+0:45` are story and facilitation offsets, not formulas.
fn looks_like_time(text: &str) -> bool {
    text[1..]
        .chars()
        .all(|c| c.is_ascii_digit() || c == ':' || c == ' ' || "dhms".contains(c))
}

/// An XLSX workbook: the rows as text, headers bold and frozen, long text wrapped.
pub fn write_xlsx(sheet: &Sheet, name: &str) -> Result<Vec<u8>, SheetError> {
    use rust_xlsxwriter::{Format, Workbook};
    let fail = |e: rust_xlsxwriter::XlsxError| SheetError::Workbook(e.to_string());
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(name.chars().take(31).collect::<String>())
        .map_err(fail)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    for (c, header) in sheet.headers.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, header, &bold)
            .map_err(fail)?;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            // write_string stores text as text: a leading `=` stays data.
            ws.write_string_with_format(r as u32 + 1, c as u16, cell.text(), &wrap)
                .map_err(fail)?;
        }
    }
    ws.set_freeze_panes(1, 0).map_err(fail)?;
    book.save_to_buffer().map_err(fail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_windows_1252_csv_keeps_its_accents() {
        let bytes = b"Inject #;Message\n1;R\xe9union de crise \xe0 9 h\n";
        let sheet = read_csv(bytes).unwrap();
        assert_eq!(sheet.headers, ["Inject #", "Message"]);
        assert_eq!(sheet.rows[0][1].text(), "Réunion de crise à 9 h");
    }
}
