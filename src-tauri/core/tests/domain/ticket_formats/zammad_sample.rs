//! The generator of the Zammad sample file (ignored test, run by hand to regenerate it).

use super::*;

/// Writes `tests/data/tickets/zammad_report.xls` the way Zammad's report download lays it out
/// (run with `cargo test -p schulit-core --test domain ticket_formats:: -- --ignored` to regenerate).
#[test]
#[ignore]
fn regenerate_zammad_sample() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let headers = [
        "#",
        "Title",
        "State",
        "Priority",
        "Group",
        "Owner",
        "Customer",
        "Organization",
        "Create Channel",
        "Sender",
        "Tags",
        "Time Units Total",
        "Category",
        "Created At",
        "Updated At",
        "Closed At",
        "Close Escalation At",
        "Close In Min",
        "Close Diff In Min",
        "First Response At",
        "First Response Escalation At",
        "First Response In Min",
        "First Response Diff In Min",
        "Update Escalation At",
        "Update In Min",
        "Update Diff In Min",
        "Last Contact At",
        "Last Contact Agent At",
        "Last Contact Customer At",
        "Article Count",
        "Escalation At",
    ];
    // (#, title, state, priority, org, customer, category, created, closed, first response,
    //  close diff, first response diff)
    type R<'a> = (
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
        &'a str,
    );
    let rows: [R; 4] = [
        (
            "31001",
            "Beamer im Raum 204 defekt",
            "closed",
            "2 normal",
            "Lise-Meitner-Gymnasium",
            "Erika Muster",
            "Präsentationstechnik",
            "2025-10-24T08:15:00",
            "2025-10-27T10:00:00",
            "2025-10-24T09:00:00",
            "-30",
            "45",
        ),
        (
            "31002",
            "WLAN im Lehrerzimmer langsam",
            "open",
            "3 high",
            "Regenbogenschule",
            "Jonas Beispiel",
            "Netzwerk",
            "2025-10-26T02:30:00",
            "",
            "",
            "",
            "",
        ),
        (
            "31003",
            "Druckerpatrone leer",
            "merged",
            "2 normal",
            "Regenbogenschule",
            "Jonas Beispiel",
            "Drucker",
            "2025-10-26T09:00:00",
            "",
            "",
            "",
            "",
        ),
        (
            "31004",
            "Tablet-Koffer lädt nicht",
            "pending reminder",
            "1 low",
            "Grundschule Am Sonnenhang",
            "Erika Muster",
            "Tablets",
            "2025-11-03T13:05:00",
            "",
            "2025-11-04T07:45:00",
            "",
            "-20",
        ),
    ];
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let dt = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");
    ws.write_string(0, 0, "Tickets - Report 2025-10-01 - 2025-11-30")
        .unwrap();
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    let col = |name: &str| headers.iter().position(|h| *h == name).unwrap() as u16;
    for (i, r) in rows.iter().enumerate() {
        let row = 3 + i as u32;
        ws.write_string(row, col("#"), r.0).unwrap();
        ws.write_string(row, col("Title"), r.1).unwrap();
        ws.write_string(row, col("State"), r.2).unwrap();
        ws.write_string(row, col("Priority"), r.3).unwrap();
        ws.write_string(row, col("Group"), "Schul-IT").unwrap();
        ws.write_string(row, col("Owner"), "Max Agent").unwrap();
        ws.write_string(row, col("Customer"), r.5).unwrap();
        ws.write_string(row, col("Organization"), r.4).unwrap();
        ws.write_string(row, col("Create Channel"), "email")
            .unwrap();
        ws.write_string(row, col("Sender"), "Customer").unwrap();
        ws.write_string(row, col("Category"), r.6).unwrap();
        ws.write_number(row, col("Time Units Total"), 0.5).unwrap();
        ws.write_number(row, col("Article Count"), 3.0).unwrap();
        for (name, v) in [
            ("Created At", r.7),
            ("Updated At", r.7),
            ("Closed At", r.8),
            ("First Response At", r.9),
        ] {
            if !v.is_empty() {
                let d = ExcelDateTime::parse_from_str(v).unwrap();
                ws.write_datetime_with_format(row, col(name), &d, &dt)
                    .unwrap();
            }
        }
        if !r.10.is_empty() {
            ws.write_number(row, col("Close Diff In Min"), r.10.parse::<f64>().unwrap())
                .unwrap();
        }
        if !r.11.is_empty() {
            ws.write_number(
                row,
                col("First Response Diff In Min"),
                r.11.parse::<f64>().unwrap(),
            )
            .unwrap();
        }
    }
    // Footer two rows after the data.
    ws.write_string(3 + rows.len() as u32 + 1, 0, "Timezone: Europe/Berlin")
        .unwrap();
    wb.save(data("zammad_report.xls")).unwrap();
}
