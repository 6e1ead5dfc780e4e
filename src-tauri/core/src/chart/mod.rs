//! One chart layer (plotters) for every screen and export: consistent style, German labels,
//! embedded fonts, SVG for the window, PNG/SVG/PDF for export.
