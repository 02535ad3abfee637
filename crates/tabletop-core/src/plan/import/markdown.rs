//! A Markdown document's text as blocks, through pulldown-cmark (tables on).

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::DocBlock;

pub fn markdown_blocks(text: &str) -> Vec<DocBlock> {
    let mut out = Vec::new();
    let mut buffer = String::new();
    let mut heading: Option<u8> = None;
    let mut item_depth = 0usize;
    let mut table: Option<Vec<Vec<String>>> = None;
    let mut row: Vec<String> = Vec::new();
    for event in Parser::new_ext(text, Options::ENABLE_TABLES) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                buffer.clear();
                heading = Some(match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    HeadingLevel::H3 => 3,
                    HeadingLevel::H4 => 4,
                    HeadingLevel::H5 => 5,
                    HeadingLevel::H6 => 6,
                });
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some(level) = heading.take() {
                    out.push(DocBlock::Heading(level, buffer.trim().to_string()));
                }
                buffer.clear();
            }
            Event::Start(Tag::Item) => {
                // Text before a nested list belongs to the outer item.
                if item_depth > 0 && !buffer.trim().is_empty() {
                    out.push(DocBlock::Item(buffer.trim().to_string()));
                }
                buffer.clear();
                item_depth += 1;
            }
            Event::End(TagEnd::Item) => {
                if !buffer.trim().is_empty() {
                    out.push(DocBlock::Item(buffer.trim().to_string()));
                }
                buffer.clear();
                item_depth = item_depth.saturating_sub(1);
            }
            Event::Start(Tag::Table(_)) => table = Some(Vec::new()),
            Event::End(TagEnd::Table) => {
                if let Some(rows) = table.take() {
                    out.push(DocBlock::Table(rows));
                }
            }
            Event::Start(Tag::TableHead | Tag::TableRow) => row.clear(),
            Event::End(TagEnd::TableHead | TagEnd::TableRow) => {
                if let Some(rows) = table.as_mut() {
                    rows.push(std::mem::take(&mut row));
                }
            }
            Event::Start(Tag::TableCell) => buffer.clear(),
            Event::End(TagEnd::TableCell) => {
                row.push(buffer.trim().to_string());
                buffer.clear();
            }
            Event::End(TagEnd::Paragraph)
                if item_depth == 0 && table.is_none() && heading.is_none() =>
            {
                if !buffer.trim().is_empty() {
                    out.push(DocBlock::Para(buffer.trim().to_string()));
                }
                buffer.clear();
            }
            Event::Text(t) | Event::Code(t) => buffer.push_str(&t),
            Event::SoftBreak | Event::HardBreak => buffer.push(' '),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headings_items_and_tables_are_read() {
        let blocks = markdown_blocks(
            "# Plan\n\n| Role | Who |\n| --- | --- |\n| Incident Commander | IT director |\n\n## Detect\n\n- Triage the alert within 30 minutes (Owner: SOC)\n- Declare the incident\n",
        );
        assert_eq!(blocks[0], DocBlock::Heading(1, "Plan".into()));
        assert_eq!(
            blocks[1],
            DocBlock::Table(vec![
                vec!["Role".into(), "Who".into()],
                vec!["Incident Commander".into(), "IT director".into()]
            ])
        );
        assert_eq!(blocks[2], DocBlock::Heading(2, "Detect".into()));
        assert_eq!(
            blocks[3],
            DocBlock::Item("Triage the alert within 30 minutes (Owner: SOC)".into())
        );
    }
}
