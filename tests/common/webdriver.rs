//! Drives the real app window: Xvfb (when there is no display) + `tauri-driver` +
//! WebKitWebDriver, spoken to with the plain W3C WebDriver protocol over HTTP (ureq).
//!
//! ```ignore
//! let Some(app) = WindowApp::start(&plan_path, &[]) else { return }; // skipped (reason printed)
//! app.wait_for("#schools-table tbody tr");
//! app.screenshot("schools-list");
//! ```
//!
//! - Window tests are serialised by one lock per test binary; each starts its own driver on free
//!   ports and its own Xvfb display, so test binaries of parallel worktrees do not collide.
//! - tauri-driver runs in its own process group, which is killed at the end (it leaves
//!   WebKitWebDriver and the app running otherwise); the session is always deleted ([`Drop`]).
//! - Missing tools skip the test with a printed reason, but fail when
//!   `SCHULIT_REQUIRE_WINDOW_TESTS=1` or `CI=true`.
//! - The app gets its own data directory (`SCHULIT_DATA_DIR`), so no user settings are touched.

use std::io::Read;
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde_json::{json, Value};

static WINDOW_LOCK: Mutex<()> = Mutex::new(());

/// W3C key of an element reference.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";
/// Default time to wait for something to appear.
pub const WAIT: Duration = Duration::from_secs(15);

/// A reference to an element in the window.
#[derive(Debug, Clone)]
pub struct Element(pub String);

impl Element {
    /// The element as a script argument for [`WindowApp::execute_script`].
    pub fn to_json(&self) -> Value {
        json!({ ELEMENT_KEY: self.0 })
    }
}

/// The running app and its WebDriver session.
pub struct WindowApp {
    base: String,
    session: String,
    driver: Child,
    xvfb: Option<Child>,
    _data_dir: tempfile::TempDir,
    _lock: MutexGuard<'static, ()>,
}

fn required() -> bool {
    std::env::var("SCHULIT_REQUIRE_WINDOW_TESTS").is_ok_and(|v| v == "1")
        || std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true"))
}

/// Skips (returns `None`) or fails, depending on whether window tests are required.
fn unavailable(reason: &str) -> Option<WindowApp> {
    if required() {
        panic!("Fenstertest nicht möglich: {reason} (SCHULIT_REQUIRE_WINDOW_TESTS=1 oder CI=true verlangt ihn)");
    }
    eprintln!("SKIPPED window test: {reason}");
    None
}

fn find_tool(name: &str) -> Option<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).collect())
        .unwrap_or_default();
    if let Some(home) = std::env::var_os("HOME") {
        dirs.push(PathBuf::from(home).join(".cargo/bin"));
    }
    if let Some(ch) = std::env::var_os("CARGO_HOME") {
        dirs.push(PathBuf::from(ch).join("bin"));
    }
    dirs.into_iter().map(|d| d.join(name)).find(|p| p.is_file())
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free local port")
}

/// `target/` of this build (the test binary lives in `target/debug/deps/`).
pub fn target_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("CARGO_TARGET_DIR") {
        let p = PathBuf::from(d);
        return if p.is_absolute() {
            p
        } else {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
        };
    }
    std::env::current_exe()
        .ok()
        .and_then(|e| e.ancestors().nth(3).map(Path::to_path_buf))
        .filter(|p| p.file_name().is_some_and(|n| n == "target"))
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Starts Xvfb on a free display number; returns the child and the display name.
/// Removes the lock and socket of display `n` when the X server that wrote them is gone (a killed
/// test run leaves them behind; enough of them would use up every display number).
fn remove_stale_x_lock(n: u32) {
    let lock = format!("/tmp/.X{n}-lock");
    let Ok(text) = std::fs::read_to_string(&lock) else {
        return;
    };
    let Ok(pid) = text.trim().parse::<u32>() else {
        return;
    };
    if !Path::new(&format!("/proc/{pid}")).exists() {
        let _ = std::fs::remove_file(&lock);
        let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{n}"));
    }
}

fn start_xvfb() -> Result<(Child, String), String> {
    for n in 90..140 {
        remove_stale_x_lock(n);
        if Path::new(&format!("/tmp/.X{n}-lock")).exists()
            || Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
        {
            continue;
        }
        let display = format!(":{n}");
        let mut child = Command::new("Xvfb")
            .args([&display, "-screen", "0", "1920x1080x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("Xvfb kann nicht gestartet werden: {e}"))?;
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(5) {
            if Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() {
                return Ok((child, display));
            }
            if let Ok(Some(_)) = child.try_wait() {
                break; // lost the race for this display; try the next one
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
    Err("kein freies X-Display für Xvfb gefunden".into())
}

fn kill_group(child: &mut Child) {
    let pgid = child.id();
    let _ = Command::new("kill")
        .args(["-TERM", "--", &format!("-{pgid}")])
        .stderr(Stdio::null())
        .status();
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(3) {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{pgid}")])
        .stderr(Stdio::null())
        .status();
    let _ = child.wait();
}

impl WindowApp {
    /// Starts the app on the plan `db` with extra environment variables (e.g. the dialog test
    /// hooks `SCHULIT_TEST_OPEN_PATH` / `SCHULIT_TEST_SAVE_PATH`). `None` = skipped.
    pub fn start(db: &Path, env: &[(&str, &str)]) -> Option<WindowApp> {
        Self::launch(Some(db), env)
    }

    /// Starts the app without `--db`, as a user does: it opens the last plan from its (fresh,
    /// temporary) data directory, or creates the demo district there on the first start.
    pub fn start_without_plan(env: &[(&str, &str)]) -> Option<WindowApp> {
        Self::launch(None, env)
    }

    /// The app's data directory of this run (settings, demo plan).
    pub fn data_dir(&self) -> &Path {
        self._data_dir.path()
    }

    fn launch(db: Option<&Path>, env: &[(&str, &str)]) -> Option<WindowApp> {
        let lock = WINDOW_LOCK.lock().unwrap_or_else(|e| e.into_inner());
        if !cfg!(target_os = "linux") {
            return unavailable("Fenstertests laufen nur unter Linux (WebKitWebDriver)");
        }
        let Some(tauri_driver) = find_tool("tauri-driver") else {
            return unavailable(
                "tauri-driver fehlt (cargo install tauri-driver --version ^2 --locked)",
            );
        };
        let Some(native) = find_tool("WebKitWebDriver") else {
            return unavailable("WebKitWebDriver fehlt (Debian-Paket webkit2gtk-driver)");
        };
        let (xvfb, display) = match std::env::var("DISPLAY") {
            Ok(d) if !d.is_empty() => (None, d),
            _ => {
                if find_tool("Xvfb").is_none() {
                    return unavailable("kein DISPLAY und Xvfb fehlt (Debian-Paket xvfb)");
                }
                match start_xvfb() {
                    Ok((c, d)) => (Some(c), d),
                    Err(e) => return unavailable(&e),
                }
            }
        };
        let data_dir = tempfile::tempdir().expect("temp data dir");
        let port = free_port();
        let native_port = free_port();
        let mut cmd = Command::new(&tauri_driver);
        cmd.args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .arg("--native-driver")
            .arg(&native)
            .env("DISPLAY", &display)
            .env("NO_AT_BRIDGE", "1")
            .env("SCHULIT_DATA_DIR", data_dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        for (k, v) in env {
            cmd.env(k, v);
        }
        {
            use std::os::unix::process::CommandExt;
            cmd.process_group(0);
        }
        let driver = match cmd.spawn() {
            Ok(c) => c,
            Err(e) => {
                if let Some(mut x) = xvfb {
                    let _ = x.kill();
                    let _ = x.wait();
                }
                return unavailable(&format!("tauri-driver startet nicht: {e}"));
            }
        };
        let base = format!("http://127.0.0.1:{port}");
        let mut app = WindowApp {
            base,
            session: String::new(),
            driver,
            xvfb,
            _data_dir: data_dir,
            _lock: lock,
        };
        app.wait_for_driver();
        let caps = json!({
            "capabilities": {
                "alwaysMatch": {
                    "tauri:options": {
                        "application": super::schulit_bin(),
                        "args": match db {
                            Some(db) => json!(["--db", db]),
                            None => json!([]),
                        },
                    }
                }
            }
        });
        let v = app.request("POST", "/session", Some(caps));
        app.session = v["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("WebDriver-Sitzung ohne sessionId: {v}"))
            .to_string();
        // The window and the first screen.
        app.wait_for("body.ready");
        if let Some((w, h)) = env_window_size() {
            app.set_window_size(w, h);
        }
        Some(app)
    }

    /// Resizes the window (CSS px); waits until the page has laid itself out again.
    pub fn set_window_size(&self, width: u32, height: u32) {
        self.request(
            "POST",
            &self.s("/window/rect"),
            Some(json!({ "width": width, "height": height })),
        );
        self.settle();
    }

    fn wait_for_driver(&self) {
        let start = Instant::now();
        loop {
            if ureq::get(&format!("{}/status", self.base))
                .timeout(Duration::from_secs(2))
                .call()
                .is_ok()
            {
                return;
            }
            if start.elapsed() > Duration::from_secs(20) {
                panic!("tauri-driver antwortet nicht auf {}", self.base);
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// One WebDriver request; returns `value` of the answer, panics with the driver's message.
    fn request(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        match self.try_request(method, path, body) {
            Ok(v) => v,
            Err(e) => panic!("WebDriver {method} {path}: {e}"),
        }
    }

    fn try_request(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        let url = format!("{}{}", self.base, path);
        let req = ureq::request(method, &url).timeout(Duration::from_secs(60));
        let res = match body {
            Some(b) => req.send_json(b),
            None if method == "POST" => req.send_json(json!({})),
            None => req.call(),
        };
        let text = match res {
            Ok(r) => r.into_string().map_err(|e| e.to_string())?,
            Err(ureq::Error::Status(code, r)) => {
                let mut s = String::new();
                let _ = r.into_reader().take(64_000).read_to_string(&mut s);
                return Err(format!("HTTP {code}: {s}"));
            }
            Err(e) => return Err(e.to_string()),
        };
        let v: Value = serde_json::from_str(&text).map_err(|e| format!("{e}: {text}"))?;
        Ok(v.get("value").cloned().unwrap_or(Value::Null))
    }

    fn s(&self, rest: &str) -> String {
        format!("/session/{}{}", self.session, rest)
    }

    fn elem(v: &Value) -> Option<Element> {
        v.get(ELEMENT_KEY)
            .and_then(|x| x.as_str())
            .map(|s| Element(s.to_string()))
    }

    /// The first element matching the CSS selector, if any (no waiting).
    pub fn try_find(&self, css: &str) -> Option<Element> {
        self.try_request(
            "POST",
            &self.s("/element"),
            Some(json!({"using": "css selector", "value": css})),
        )
        .ok()
        .and_then(|v| Self::elem(&v))
    }

    /// The first element matching `css`; panics when there is none.
    pub fn find(&self, css: &str) -> Element {
        self.try_find(css)
            .unwrap_or_else(|| panic!("Element {css} nicht gefunden"))
    }

    /// All elements matching `css`.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let v = self.request(
            "POST",
            &self.s("/elements"),
            Some(json!({"using": "css selector", "value": css})),
        );
        v.as_array()
            .map(|a| a.iter().filter_map(Self::elem).collect())
            .unwrap_or_default()
    }

    /// Waits until an element matching `css` exists (up to [`WAIT`]).
    pub fn wait_for(&self, css: &str) -> Element {
        let start = Instant::now();
        loop {
            if let Some(e) = self.try_find(css) {
                return e;
            }
            if start.elapsed() > WAIT {
                let shot = self.screenshot(&format!("timeout-{}", sanitize(css)));
                panic!(
                    "Element {css} erschien nicht in {WAIT:?} (Bildschirmfoto: {})",
                    shot.display()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until `cond` holds (up to [`WAIT`]); `what` names it in the failure message.
    pub fn wait_until(&self, what: &str, mut cond: impl FnMut(&WindowApp) -> bool) {
        let start = Instant::now();
        while !cond(self) {
            if start.elapsed() > WAIT {
                let shot = self.screenshot(&format!("timeout-{}", sanitize(what)));
                panic!(
                    "Wartete vergeblich auf: {what} (Bildschirmfoto: {})",
                    shot.display()
                );
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Waits until no element matches `css`.
    /// Scrolls the first element matching `css` into view.
    pub fn scroll_into_view(&self, css: &str) {
        self.execute_script(
            "document.querySelector(arguments[0]).scrollIntoView(); return true;",
            vec![serde_json::json!(css)],
        );
    }

    /// Waits until the image matching `css` (a chart) has loaded and has a size.
    pub fn wait_image_loaded(&self, css: &str) {
        self.wait_until(&format!("Bild {css} geladen"), |a| {
            a.execute_script(
                "const i = document.querySelector(arguments[0]); return !!i && i.complete && i.naturalWidth > 0;",
                vec![serde_json::json!(css)],
            ) == serde_json::json!(true)
        });
    }

    pub fn wait_gone(&self, css: &str) {
        self.wait_until(&format!("{css} verschwindet"), |a| {
            a.try_find(css).is_none()
        });
    }

    /// Clicks the element; retried while something (a closing dialog) still covers it.
    pub fn click(&self, e: &Element) {
        let start = Instant::now();
        loop {
            match self.try_request("POST", &self.s(&format!("/element/{}/click", e.0)), None) {
                Ok(_) => return,
                Err(err) if err.contains("intercepted") && start.elapsed() < WAIT => {
                    std::thread::sleep(Duration::from_millis(100))
                }
                Err(err) => {
                    let shot = self.screenshot("click-failed");
                    panic!(
                        "Klick fehlgeschlagen: {err} (Bildschirmfoto: {})",
                        shot.display()
                    );
                }
            }
        }
    }

    /// Clicks the element matching `css` (waiting for it first).
    pub fn click_css(&self, css: &str) {
        // The UI re-renders lists after a reload: a reference found a moment ago can go stale
        // before the click lands. Find the element again and retry, as a user would click again.
        let start = Instant::now();
        loop {
            let e = self.wait_for(css);
            match self.try_request("POST", &self.s(&format!("/element/{}/click", e.0)), None) {
                Ok(_) => return,
                Err(err)
                    if (err.contains("stale") || err.contains("intercepted"))
                        && start.elapsed() < WAIT =>
                {
                    std::thread::sleep(Duration::from_millis(100))
                }
                Err(_) => return self.click(&e),
            }
        }
    }

    /// Types `text` into the element (keys as a user would; `\u{E007}` is Enter).
    pub fn type_text(&self, e: &Element, text: &str) {
        self.request(
            "POST",
            &self.s(&format!("/element/{}/value", e.0)),
            Some(json!({ "text": text })),
        );
    }

    pub fn clear(&self, e: &Element) {
        self.request("POST", &self.s(&format!("/element/{}/clear", e.0)), None);
    }

    /// Replaces the content of an input.
    pub fn set_value(&self, css: &str, text: &str) {
        let e = self.wait_for(css);
        self.clear(&e);
        if text.is_empty() {
            // The driver refuses an empty text; tell the page the field changed.
            self.execute_script(
                "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
                vec![e.to_json()],
            );
        } else {
            self.type_text(&e, text);
        }
    }

    /// Sends keys to the focused element (e.g. `"\u{E00C}"` = Escape).
    pub fn keys(&self, text: &str) {
        let actions: Vec<Value> = text
            .chars()
            .flat_map(|c| {
                [
                    json!({"type": "keyDown", "value": c.to_string()}),
                    json!({"type": "keyUp", "value": c.to_string()}),
                ]
            })
            .collect();
        self.request(
            "POST",
            &self.s("/actions"),
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
        let _ = self.try_request("DELETE", &self.s("/actions"), None);
    }

    /// Rendered text of the element (`innerText`, trimmed). The driver's own "element text"
    /// comes back empty for text in clipped flex items (e.g. the plan name), so it is not used.
    pub fn text(&self, e: &Element) -> String {
        self.try_text(e)
            .unwrap_or_else(|err| panic!("Text eines Elements: {err}"))
    }

    fn try_text(&self, e: &Element) -> Result<String, String> {
        let v = self.try_request(
            "POST",
            &self.s("/execute/sync"),
            Some(json!({
                "script": "return arguments[0].innerText;",
                "args": [e.to_json()]
            })),
        )?;
        Ok(v.as_str().unwrap_or_default().trim().to_string())
    }

    /// Text of the element matching `css` (waiting for it first; retried when the page
    /// re-rendered it in between).
    pub fn text_of(&self, css: &str) -> String {
        let start = Instant::now();
        loop {
            let e = self.wait_for(css);
            match self.try_text(&e) {
                Ok(t) => return t,
                Err(err) if start.elapsed() > WAIT => panic!("Text von {css}: {err}"),
                Err(_) => std::thread::sleep(Duration::from_millis(100)),
            }
        }
    }

    /// A DOM property (e.g. `value`, `checked`).
    pub fn property(&self, e: &Element, name: &str) -> Value {
        self.request(
            "GET",
            &self.s(&format!("/element/{}/property/{name}", e.0)),
            None,
        )
    }

    /// Runs JavaScript in the page (`arguments[0]`… are `args`) and returns its result.
    pub fn execute_script(&self, script: &str, args: Vec<Value>) -> Value {
        self.request(
            "POST",
            &self.s("/execute/sync"),
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Waits until the page has painted its latest changes (two animation frames).
    pub fn settle(&self) {
        let _ = self.try_request(
            "POST",
            &self.s("/execute/async"),
            Some(json!({
                "script": "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 50)));",
                "args": []
            })),
        );
    }

    /// Runs asynchronous JavaScript: the script calls `arguments[arguments.length - 1](value)`
    /// when done; returns that value.
    pub fn execute_async(&self, script: &str, args: Vec<Value>) -> Value {
        self.request(
            "POST",
            &self.s("/execute/async"),
            Some(json!({ "script": script, "args": args })),
        )
    }

    /// Saves a PNG of the window to `target/screenshots/NAME.png` and returns its path.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        self.settle();
        let dir = target_dir().join("screenshots");
        let _ = std::fs::create_dir_all(&dir);
        let suffix = env_window_size()
            .map(|(w, h)| format!("-{w}x{h}"))
            .unwrap_or_default();
        let path = dir.join(format!("{}{suffix}.png", sanitize(name)));
        match self.try_request("GET", &self.s("/screenshot"), None) {
            Ok(Value::String(b64)) => match base64_decode(&b64) {
                Some(png) => {
                    if let Err(e) = std::fs::write(&path, png) {
                        eprintln!("Bildschirmfoto {} nicht geschrieben: {e}", path.display());
                    }
                }
                None => eprintln!("Bildschirmfoto: ungültiges base64"),
            },
            Ok(other) => eprintln!("Bildschirmfoto: unerwartete Antwort {other}"),
            Err(e) => eprintln!("Bildschirmfoto fehlgeschlagen: {e}"),
        }
        path
    }
}

impl Drop for WindowApp {
    fn drop(&mut self) {
        if !self.session.is_empty() {
            let _ = self.try_request("DELETE", &format!("/session/{}", self.session), None);
        }
        kill_group(&mut self.driver);
        if let Some(x) = self.xvfb.as_mut() {
            let _ = x.kill();
            let _ = x.wait();
        }
    }
}

/// `SCHULIT_WINDOW_SIZE=1920x1080`: every window test runs at that size, and its screenshots get
/// the size as a suffix (`schools-list-1920x1080.png`), so one run gives a second set.
fn env_window_size() -> Option<(u32, u32)> {
    let v = std::env::var("SCHULIT_WINDOW_SIZE").ok()?;
    let (w, h) = v.trim().split_once('x')?;
    Some((w.parse().ok()?, h.parse().ok()?))
}

fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Standard base64 (with padding, whitespace ignored).
fn base64_decode(s: &str) -> Option<Vec<u8>> {
    fn val(c: u8) -> Option<u32> {
        match c {
            b'A'..=b'Z' => Some((c - b'A') as u32),
            b'a'..=b'z' => Some((c - b'a' + 26) as u32),
            b'0'..=b'9' => Some((c - b'0' + 52) as u32),
            b'+' => Some(62),
            b'/' => Some(63),
            _ => None,
        }
    }
    let bytes: Vec<u8> = s
        .bytes()
        .filter(|c| !c.is_ascii_whitespace() && *c != b'=')
        .collect();
    let mut out = Vec::with_capacity(bytes.len() * 3 / 4);
    for chunk in bytes.chunks(4) {
        let mut acc = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            acc |= val(c)? << (18 - 6 * i);
        }
        out.push((acc >> 16) as u8);
        if chunk.len() > 2 {
            out.push((acc >> 8) as u8);
        }
        if chunk.len() > 3 {
            out.push(acc as u8);
        }
    }
    Some(out)
}

#[test]
fn base64_decodes_known_values() {
    assert_eq!(base64_decode("TWFu").unwrap(), b"Man");
    assert_eq!(base64_decode("TWE=").unwrap(), b"Ma");
    assert_eq!(base64_decode("TQ==").unwrap(), b"M");
    assert!(base64_decode("T!==").is_none());
}
