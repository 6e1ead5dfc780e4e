//! One chart layer for every screen and export: consistent style (accessible colours that also
//! separate in greyscale print), German labels and number formats, an embedded font, and a frame
//! on every chart with title, period, n, definition and source. SVG for the window; PNG (96 and
//! 300 dpi), SVG and PDF for export. Drawn with plotters' SVG backend.
//!
//! How another area adds a chart: see `README.md` in this folder.

pub mod axis;
pub mod budget;
pub mod canvas;
pub mod font;
pub mod frame;
pub mod kinds;
pub mod kpi;
pub mod offers;
pub mod registry;
pub mod render;
pub mod schools;
pub mod style;

#[cfg(test)]
mod tests;

use serde::{Deserialize, Serialize};

pub use frame::{ChartMeta, LegendItem, Swatch, ValueFormat, DIRECTORY_SOURCE};
pub use kinds::{
    median, quantile, Band, Heatmap, Lines, Panel, PlanActual, RankItem, Ranking, RefLine, Scatter,
    ScatterPoint, Series, SmallMultiples, Sort, StackedBars, Tornado, TornadoRow,
};
pub use registry::{ChartDef, ChartInfo, ChartParams};
pub use render::{export, export_to_file, render_svg, svg_to_pdf, svg_to_png, ChartFormat};
pub use style::Size;

use crate::Store;

/// A chart: its labelling and its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub meta: ChartMeta,
    pub kind: ChartKind,
}

/// The reusable chart kinds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ChartKind {
    Ranking(Ranking),
    Stacked(StackedBars),
    Lines(Lines),
    Band(Band),
    SmallMultiples(SmallMultiples),
    Heatmap(Heatmap),
    Scatter(Scatter),
    PlanActual(PlanActual),
    Tornado(Tornado),
}

impl Chart {
    pub fn new(meta: ChartMeta, kind: ChartKind) -> Chart {
        Chart { meta, kind }
    }
    /// SVG at the given size (see `Size::SCREEN`, `Size::PRINT`).
    pub fn svg(&self, size: Size) -> Result<String, crate::report::ReportError> {
        render::render_svg(self, size)
    }
}

/// German date ("24.11.2026") of the latest import of `kind` (`import_log.kind`), if any.
pub fn last_import_date(store: &Store, kind: &str) -> Option<String> {
    let ts: Option<String> = store
        .conn()
        .query_row(
            "SELECT imported_at FROM import_log WHERE kind = ?1 ORDER BY imported_at DESC, id DESC LIMIT 1",
            [kind],
            |r| r.get(0),
        )
        .ok();
    let ts = ts?;
    let d = chrono::NaiveDate::parse_from_str(ts.get(..10)?, "%Y-%m-%d").ok()?;
    Some(crate::format::format_date(d))
}
