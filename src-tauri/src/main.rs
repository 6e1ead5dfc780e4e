//! `schulit`: with a subcommand it runs headless (CLI); without one it opens the window.

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if schulit_cli::wants_cli(&args) {
        std::process::exit(schulit_cli::main(args));
    }
    schulit_app::run(schulit_cli::db_arg(&args));
}
