//! `schulit`: with a subcommand it runs headless (CLI); without one it opens the window.

fn main() {
    // Damaged XLSX files get a German message, not a panic trace on the console.
    schulit_core::import::quiet_caught_xlsx_panics();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if schulit_cli::wants_cli(&args) {
        std::process::exit(schulit_cli::main(args));
    }
    schulit_app::run(schulit_cli::db_arg(&args));
}
