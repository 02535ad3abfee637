//! The Master Scenario Events List: a scenario as the spreadsheet exercise
//! designers keep, in (import) and out (export).

mod columns;
mod decision_text;
mod export;
mod import;
mod matching;
mod render;
mod sheet;

pub use columns::Column;
pub use export::export;
pub use import::{Imported, import};
pub use matching::slug as slug_of;
pub use render::{html_page, markdown};
pub use sheet::{Cell, Sheet, SheetError, read_csv, read_workbook, write_csv, write_xlsx};
