//! Least privilege of the window, checked on the files that configure it (docs/SECURITY.md):
//! - the capability grants no `core:default` and only permissions of plugins the app depends on;
//! - the CSP allows scripts from the app only (no inline script, no eval, no remote origin);
//! - nothing in `ui/` or `tauri.conf.json` names a remote URL (besides the CSP's IPC entry and
//!   identifiers that are never fetched);
//! - no HTML has an inline script or an inline event handler;
//! - no Tauri plugin that opens files, shells or the network is linked.

use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn json(p: &Path) -> serde_json::Value {
    serde_json::from_str(&read(p)).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

/// Plugins the app links (`tauri-plugin-*` in the root Cargo.toml).
fn linked_plugins() -> Vec<String> {
    read(&root().join("Cargo.toml"))
        .lines()
        .filter_map(|l| l.trim().strip_prefix("tauri-plugin-"))
        .filter_map(|rest| rest.split([' ', '=']).next())
        .map(str::to_string)
        .collect()
}

#[test]
fn capabilities_are_minimal() {
    let dir = root().join("src-tauri/capabilities");
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    assert!(!files.is_empty());
    let plugins = linked_plugins();
    for f in files {
        let cap = json(&f);
        let perms = cap["permissions"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: permissions list", f.display()));
        for p in perms {
            let id = p
                .as_str()
                .or_else(|| p["identifier"].as_str())
                .unwrap_or_default();
            assert!(
                !id.starts_with("core:"),
                "{}: {id} opens core APIs (window, menu, …) to scripts",
                f.display()
            );
            let plugin = id.split(':').next().unwrap_or_default();
            assert!(
                plugins.iter().any(|p| p == plugin),
                "{}: permission {id} for a plugin the app does not link",
                f.display()
            );
        }
        let remote = cap.get("remote");
        assert!(
            remote.is_none(),
            "{}: no remote origin may call the app",
            f.display()
        );
    }
}

#[test]
fn no_plugin_with_file_shell_or_network_access() {
    for p in linked_plugins() {
        assert!(
            !["fs", "shell", "http", "process", "updater", "websocket", "upload"]
                .contains(&p.as_str()),
            "tauri-plugin-{p}: file/shell/network access for scripts is not allowed (docs/SECURITY.md)"
        );
    }
}

#[test]
fn csp_is_strict() {
    let conf = json(&root().join("tauri.conf.json"));
    let sec = &conf["app"]["security"];
    let csp = sec["csp"].as_str().expect("a CSP is set");
    let directive = |name: &str| -> Vec<String> {
        csp.split(';')
            .map(str::trim)
            .find(|d| d.split_whitespace().next() == Some(name))
            .map(|d| d.split_whitespace().skip(1).map(String::from).collect())
            .unwrap_or_else(|| panic!("CSP lacks {name}"))
    };
    assert_eq!(directive("default-src"), vec!["'self'"]);
    assert_eq!(directive("script-src"), vec!["'self'"]);
    assert_eq!(directive("object-src"), vec!["'none'"]);
    assert_eq!(directive("base-uri"), vec!["'none'"]);
    assert_eq!(directive("frame-ancestors"), vec!["'none'"]);
    assert_eq!(
        directive("connect-src"),
        vec!["ipc:", "http://ipc.localhost"]
    );
    for bad in ["'unsafe-inline'", "'unsafe-eval'", "*", "https:", "http:"] {
        assert!(
            !csp.split_whitespace().any(|t| t == bad),
            "CSP allows {bad}: {csp}"
        );
    }
    assert_eq!(sec["freezePrototype"], serde_json::Value::Bool(true));
    assert!(
        sec.get("dangerousDisableAssetCspModification").is_none()
            && sec.get("dangerousRemoteDomainIpcAccess").is_none(),
        "no dangerous* security switches"
    );
}

/// URLs that are identifiers, never fetched: the SVG namespace, the config's JSON schema (read by
/// editors only) and the CSP's IPC origin.
const ALLOWED_URLS: &[&str] = &[
    "http://www.w3.org/2000/svg",
    "http://www.w3.org/1999/xlink",
    "https://schema.tauri.app/config/2",
    "http://ipc.localhost",
];

#[test]
fn no_remote_urls_in_ui_or_config() {
    let mut files = Vec::new();
    files_under(&root().join("ui"), &mut files);
    files.push(root().join("tauri.conf.json"));
    let mut found = Vec::new();
    for f in files {
        let Ok(text) = std::fs::read_to_string(&f) else {
            continue; // binary assets (icons, fonts) carry no links
        };
        for (n, line) in text.lines().enumerate() {
            let mut rest = line;
            while let Some(i) = rest.find("http") {
                let tail = &rest[i..];
                if tail.starts_with("http://") || tail.starts_with("https://") {
                    let end = tail
                        .find(|c: char| c.is_whitespace() || "\"'`()<>;,".contains(c) || c == '%')
                        .unwrap_or(tail.len());
                    let url = &tail[..end];
                    if !ALLOWED_URLS.contains(&url) {
                        found.push(format!("{}:{}: {url}", f.display(), n + 1));
                    }
                }
                rest = &rest[i + 4..];
            }
        }
    }
    assert!(found.is_empty(), "remote URLs: {found:#?}");
}

#[test]
fn html_has_no_inline_script_or_handlers() {
    let mut files = Vec::new();
    files_under(&root().join("ui"), &mut files);
    for f in files
        .iter()
        .filter(|f| f.extension().and_then(|e| e.to_str()) == Some("html"))
    {
        let html = read(f).to_lowercase();
        let mut rest = html.as_str();
        while let Some(i) = rest.find("<script") {
            let tag_end = rest[i..].find('>').map(|e| i + e).unwrap_or(rest.len());
            let tag = &rest[i..tag_end];
            assert!(
                tag.contains("src="),
                "{}: inline <script> (the CSP would block it)",
                f.display()
            );
            rest = &rest[tag_end..];
        }
        for attr in [
            " onclick=",
            " onload=",
            " onerror=",
            " onchange=",
            " oninput=",
            " onsubmit=",
            "javascript:",
        ] {
            assert!(
                !html.contains(attr),
                "{}: inline handler {attr}",
                f.display()
            );
        }
    }
}

#[test]
fn scripts_never_build_html_from_strings() {
    let mut files = Vec::new();
    files_under(&root().join("ui"), &mut files);
    for f in files
        .iter()
        .filter(|f| f.extension().and_then(|e| e.to_str()) == Some("js"))
    {
        for (n, line) in read(f).lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for bad in [
                "innerHTML",
                "outerHTML",
                "insertAdjacentHTML",
                "document.write",
                "eval(",
                "new Function(",
            ] {
                assert!(
                    !code.contains(bad),
                    "{}:{}: {bad} (text from files must be set with textContent)",
                    f.display(),
                    n + 1
                );
            }
        }
    }
}
