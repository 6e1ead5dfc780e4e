//! `schulit kpi …`: support KPIs per school, month, priority or category (DOMAIN.md §4).

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use schulit_core::format::{format_decimal, format_int};
use schulit_core::kpi::compute::Clock;
use schulit_core::kpi::data::compute_from_store;
use schulit_core::kpi::{choose_window, load_targets, KpiParams, KpiRow};
use schulit_core::CoreError;
use serde::Serialize;

use crate::{CliError, Ctx};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum By {
    School,
    Month,
    Priority,
    Category,
    District,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ClockArg {
    Business,
    Calendar,
}

#[derive(Debug, Args)]
pub struct KpiArgs {
    /// Grouping of the rows.
    #[arg(long, value_enum, default_value = "school")]
    by: By,
    /// First day of the period (YYYY-MM-DD or TT.MM.JJJJ); default: first ticket.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Last day of the period (inclusive); default: last event in the data.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Business minutes (service window, school time) or calendar minutes.
    #[arg(long, value_enum, default_value = "business")]
    clock: ClockArg,
    /// Only tickets of this priority (1 = kritisch … 4 = niedrig).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    priority: Option<u8>,
    /// Service window (name as stored). Default: the window named after --contract if there is
    /// one, else "Standard".
    #[arg(long)]
    window: Option<String>,
    /// Contract whose SLA targets apply (default "Standard").
    #[arg(long, default_value = "Standard")]
    contract: String,
}

/// One output row (the `--json` contract).
#[derive(Debug, Serialize)]
pub struct Row {
    pub key: String,
    pub label: String,
    pub tickets: u32,
    pub ttfr_median_min: Option<f64>,
    pub ttfr_p90_min: Option<f64>,
    pub ttfr_mean_min: Option<f64>,
    pub ttfr_n: u32,
    pub ttr_median_min: Option<f64>,
    pub ttr_p90_min: Option<f64>,
    pub ttr_mean_min: Option<f64>,
    pub ttr_n: u32,
    pub sla_first_response_pct: Option<f64>,
    pub sla_first_response_n: u32,
    pub sla_resolution_pct: Option<f64>,
    pub sla_resolution_n: u32,
    pub backlog_end: u32,
    pub tickets_per_100_devices: Option<f64>,
    pub tickets_per_100_pupils: Option<f64>,
    pub reopen_rate_pct: Option<f64>,
    pub reopen_n: u32,
    pub small_n: bool,
}

fn round2(x: Option<f64>) -> Option<f64> {
    x.map(|v| (v * 100.0).round() / 100.0)
}

impl From<&KpiRow> for Row {
    fn from(r: &KpiRow) -> Row {
        Row {
            key: r.key.clone(),
            label: r.label.clone(),
            tickets: r.tickets,
            ttfr_median_min: round2(r.ttfr.median),
            ttfr_p90_min: round2(r.ttfr.p90),
            ttfr_mean_min: round2(r.ttfr.mean),
            ttfr_n: r.ttfr.n,
            ttr_median_min: round2(r.ttr.median),
            ttr_p90_min: round2(r.ttr.p90),
            ttr_mean_min: round2(r.ttr.mean),
            ttr_n: r.ttr.n,
            sla_first_response_pct: round2(r.sla_first_response.pct()),
            sla_first_response_n: r.sla_first_response.met + r.sla_first_response.breached,
            sla_resolution_pct: round2(r.sla_resolution.pct()),
            sla_resolution_n: r.sla_resolution.met + r.sla_resolution.breached,
            backlog_end: r.backlog_end,
            tickets_per_100_devices: round2(r.per_100_devices),
            tickets_per_100_pupils: round2(r.per_100_pupils),
            reopen_rate_pct: round2(r.reopen_rate_pct),
            reopen_n: r.reopen_n,
            small_n: r.small_n,
        }
    }
}

/// Parses `YYYY-MM-DD` or `TT.MM.JJJJ`.
pub fn parse_date(field: &str, s: &str) -> Result<NaiveDate, CliError> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d.%m.%Y"))
        .map_err(|_| {
            CliError::Usage(format!(
                "{field}: „{t}“ ist kein Datum (erwartet JJJJ-MM-TT oder TT.MM.JJJJ)."
            ))
        })
}

pub fn run(ctx: &Ctx, args: KpiArgs) -> Result<(), CliError> {
    let from = args
        .from
        .as_deref()
        .map(|s| parse_date("--from", s))
        .transpose()?;
    let to = args
        .to
        .as_deref()
        .map(|s| parse_date("--to", s))
        .transpose()?;
    if let (Some(f), Some(t)) = (from, to) {
        if t < f {
            return Err(CliError::Usage(format!("--to {t} liegt vor --from {f}.")));
        }
    }
    let store = ctx.open()?;
    let targets = load_targets(store.conn(), &args.contract).map_err(CoreError::from)?;
    let params = KpiParams {
        from,
        to,
        clock: match args.clock {
            ClockArg::Business => Clock::Business,
            ClockArg::Calendar => Clock::Calendar,
        },
        priority: args.priority,
        targets,
        ..KpiParams::default()
    };
    let window = choose_window(store.conn(), &args.contract, args.window.as_deref())
        .map_err(CoreError::from)?;
    let (_, time, r) =
        compute_from_store(store.conn(), &params, &window.name).map_err(CoreError::from)?;
    let window_line = window.label(&args.contract, time.calendar.description());
    if ctx.out.json {
        // stdout stays the array of rows; say on stderr which hours were used.
        eprintln!("{window_line}");
    }
    let rows: Vec<Row> = match args.by {
        By::School => r.by_school.iter().map(Row::from).collect(),
        By::Month => r.by_month.iter().map(Row::from).collect(),
        By::Priority => r.by_priority.iter().map(Row::from).collect(),
        By::Category => r.by_category.iter().map(Row::from).collect(),
        By::District => vec![Row::from(&r.district)],
    };
    ctx.out.print(&rows, || {
        let unit = match params.clock {
            Clock::Business => "Geschäftsminuten",
            Clock::Calendar => "Kalenderminuten",
        };
        let mut t = format!(
            "Support-Kennzahlen {}–{} ({unit}; Ziele des Vertrags „{}“)\n{window_line}\n",
            schulit_core::format::format_date(r.from),
            schulit_core::format::format_date(r.to),
            args.contract
        );
        t.push_str(&format!(
            "{:<40} {:>7} {:>10} {:>10} {:>10} {:>10} {:>8} {:>8} {:>8}\n",
            "Gruppe", "Tickets", "EA Median", "EA P90", "Lös Median", "Lös P90", "SLA EA", "SLA Lös", "Backlog"
        ));
        let m = |x: Option<f64>| x.map_or("–".to_string(), |v| format_decimal(v, 0));
        let p = |x: Option<f64>| x.map_or("–".to_string(), |v| format!("{} %", format_decimal(v, 1)));
        for row in &rows {
            let label: String = row.label.chars().take(38).collect();
            t.push_str(&format!(
                "{:<40} {:>7} {:>10} {:>10} {:>10} {:>10} {:>8} {:>8} {:>8}{}\n",
                label,
                format_int(i64::from(row.tickets)),
                m(row.ttfr_median_min),
                m(row.ttfr_p90_min),
                m(row.ttr_median_min),
                m(row.ttr_p90_min),
                p(row.sla_first_response_pct),
                p(row.sla_resolution_pct),
                format_int(i64::from(row.backlog_end)),
                if row.small_n { "  (kleine Fallzahl)" } else { "" }
            ));
        }
        t.push_str("EA = erste Antwort (TTFR), Lös = Lösung (TTR), Minuten; Median/P90 linear interpoliert (wie Excel PERCENTILE.INC).");
        t
    });
    Ok(())
}
