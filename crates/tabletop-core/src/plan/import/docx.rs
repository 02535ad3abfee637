//! A Word document's text as blocks: heading styles as headings, numbered
//! and bulleted paragraphs as list items, tables as rows of cell text.

use docx_rs::{DocumentChild, Paragraph, TableCellContent, TableChild, TableRowChild};

use super::DocBlock;

pub fn docx_blocks(bytes: &[u8]) -> Result<Vec<DocBlock>, String> {
    let docx = docx_rs::read_docx(bytes)
        .map_err(|e| format!("not a Word document tabletop can read: {e}"))?;
    let mut out = Vec::new();
    for child in &docx.document.children {
        match child {
            DocumentChild::Paragraph(p) => {
                if let Some(block) = paragraph(p) {
                    out.push(block);
                }
            }
            DocumentChild::Table(t) => {
                let rows: Vec<Vec<String>> = t
                    .rows
                    .iter()
                    .map(|TableChild::TableRow(row)| {
                        row.cells
                            .iter()
                            .map(|TableRowChild::TableCell(cell)| {
                                cell.children
                                    .iter()
                                    .filter_map(|c| match c {
                                        TableCellContent::Paragraph(p) => Some(p.raw_text()),
                                        _ => None,
                                    })
                                    .collect::<Vec<_>>()
                                    .join(" ")
                                    .trim()
                                    .to_string()
                            })
                            .collect()
                    })
                    .collect();
                out.push(DocBlock::Table(rows));
            }
            _ => {}
        }
    }
    Ok(out)
}

fn paragraph(p: &Paragraph) -> Option<DocBlock> {
    let text = p.raw_text().trim().to_string();
    if text.is_empty() {
        return None;
    }
    let style = p
        .property
        .style
        .as_ref()
        .map(|s| s.val.to_lowercase())
        .unwrap_or_default();
    if style == "title" {
        return Some(DocBlock::Heading(1, text));
    }
    if let Some(level) = style
        .strip_prefix("heading")
        .and_then(|n| n.trim().parse::<u8>().ok())
    {
        return Some(DocBlock::Heading(level.clamp(1, 6), text));
    }
    if p.property.numbering_property.is_some() || style.contains("list") {
        return Some(DocBlock::Item(text));
    }
    Some(DocBlock::Para(text))
}
