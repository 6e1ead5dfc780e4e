//! `cargo xtask <command>`: the README's two commands, std only so it builds in seconds.
//!
//! - `cargo xtask run [ARGS…]`: on Linux installs the missing Debian packages
//!   (`.ci/setup-linux.sh`), then `cargo run [-- ARGS…]`. Without a plan file the app opens the
//!   demo district.
//! - `cargo xtask test [ARGS…]`: on Linux installs the Debian packages and `tauri-driver`
//!   (`.ci/setup-linux.sh --with-driver`), then `cargo test --workspace [ARGS…]` with
//!   `SCHULIT_REQUIRE_WINDOW_TESTS=1`, so the real-window test fails instead of skipping when
//!   its tools are missing. On Windows and macOS it is plain `cargo test --workspace`.
//! - `cargo xtask setup [--with-driver]`: only the Linux setup.
//!
//! `SCHULIT_SKIP_SETUP=1` skips the Linux setup (for machines set up by other means).

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{exit, Command};

const USAGE: &str = "\
Aufruf: cargo xtask <Befehl> [Argumente…]

Befehle:
  run   [ARGS…]          App starten (ohne Plandatei: Demo-Schulträger); ARGS gehen an die App
  test  [ARGS…]          alle Tests inkl. Fenstertest (cargo test --workspace ARGS…)
  setup [--with-driver]  nur die Linux-Pakete (und tauri-driver) installieren

SCHULIT_SKIP_SETUP=1 überspringt die Linux-Einrichtung.";

fn main() {
    let mut args = env::args_os().skip(1);
    let cmd = args.next().map(|a| a.to_string_lossy().into_owned());
    let rest: Vec<OsString> = args.collect();
    let root = workspace_root();
    let code = match cmd.as_deref() {
        Some("run") => {
            setup(&root, false);
            let mut c = cargo(&root);
            c.arg("run");
            if !rest.is_empty() {
                c.arg("--").args(&rest);
            }
            status(c)
        }
        Some("test") => {
            setup(&root, true);
            let mut c = cargo(&root);
            c.args(["test", "--workspace"]).args(&rest);
            if cfg!(target_os = "linux") {
                c.env("SCHULIT_REQUIRE_WINDOW_TESTS", "1");
            }
            status(c)
        }
        Some("setup") => {
            let with_driver = rest.iter().any(|a| a == "--with-driver");
            setup(&root, with_driver);
            0
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            0
        }
        Some(other) => {
            eprintln!("Unbekannter Befehl „{other}“.\n\n{USAGE}");
            2
        }
        None => {
            eprintln!("{USAGE}");
            2
        }
    };
    exit(code);
}

/// The repository root: two levels above this crate's manifest (`src-tauri/xtask`).
fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or(manifest)
}

/// `cargo` as the one that started us (`CARGO`), run in the repository root, with
/// `$CARGO_HOME/bin` on `PATH` so a freshly installed `tauri-driver` is found.
fn cargo(root: &Path) -> Command {
    let cargo = env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut c = Command::new(cargo);
    c.current_dir(root);
    if let Some(bin) = cargo_bin_dir() {
        let mut paths: Vec<PathBuf> = env::var_os("PATH")
            .map(|p| env::split_paths(&p).collect())
            .unwrap_or_default();
        if !paths.contains(&bin) {
            paths.push(bin);
            if let Ok(joined) = env::join_paths(paths) {
                c.env("PATH", joined);
            }
        }
    }
    c
}

fn cargo_bin_dir() -> Option<PathBuf> {
    if let Some(h) = env::var_os("CARGO_HOME") {
        return Some(PathBuf::from(h).join("bin"));
    }
    env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo").join("bin"))
}

/// On Linux: `.ci/setup-linux.sh` installs what is missing (it checks each package itself and
/// uses sudo only when it has something to install). Elsewhere nothing is needed.
fn setup(root: &Path, with_driver: bool) {
    if !cfg!(target_os = "linux") || env::var_os("SCHULIT_SKIP_SETUP").is_some_and(|v| v == "1") {
        return;
    }
    if Command::new("dpkg-query")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!(
            "xtask: kein Debian/Ubuntu (dpkg-query fehlt) – Einrichtung übersprungen. Benötigt werden \
             WebKitGTK 4.1 (Entwicklerpakete), Xvfb, WebKitWebDriver und `cargo install tauri-driver`."
        );
        return;
    }
    let mut c = Command::new("bash");
    c.arg(root.join(".ci").join("setup-linux.sh"));
    if with_driver {
        c.arg("--with-driver");
    }
    c.current_dir(root);
    let code = status(c);
    if code != 0 {
        eprintln!("xtask: Einrichtung fehlgeschlagen (Exit-Code {code}).");
        exit(code);
    }
}

fn status(mut c: Command) -> i32 {
    match c.status() {
        Ok(s) => s.code().unwrap_or(1),
        Err(e) => {
            eprintln!(
                "xtask: {:?} kann nicht gestartet werden: {e}",
                c.get_program()
            );
            1
        }
    }
}
