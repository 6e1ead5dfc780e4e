//! "Is this plan open in another instance?" — a lock file `<plan>.lock` beside the plan, held
//! with an OS file lock (`flock` / `LockFileEx`) for as long as the plan is open.
//!
//! The OS drops the lock when a process ends in any way (even `kill -9` or a power cut of a
//! network client), so a lock can never go stale by itself: a lock file that is not locked but
//! still names a process is the trace of an instance that crashed ([`PlanLock::acquire`] reports
//! it and takes over). The file's content (PID, host, time) is only used for messages.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

/// Who holds (or held) the lock, as written into the lock file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LockInfo {
    pub pid: Option<u32>,
    pub host: String,
    pub since: String,
}

impl std::fmt::Display for LockInfo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.pid {
            Some(pid) => write!(f, "Prozess {pid}")?,
            None => write!(f, "einem anderen Programm")?,
        }
        if !self.host.is_empty() {
            write!(f, " auf {}", self.host)?;
        }
        if !self.since.is_empty() {
            write!(f, ", geöffnet seit {}", self.since)?;
        }
        Ok(())
    }
}

impl LockInfo {
    fn current() -> LockInfo {
        LockInfo {
            pid: Some(std::process::id()),
            host: std::env::var("HOSTNAME")
                .or_else(|_| std::env::var("COMPUTERNAME"))
                .or_else(|_| std::fs::read_to_string("/etc/hostname").map(|s| s.trim().into()))
                .unwrap_or_default(),
            since: chrono::Local::now().format("%d.%m.%Y %H:%M:%S").to_string(),
        }
    }

    fn to_text(&self) -> String {
        format!(
            "pid={}\nhost={}\nsince={}\n",
            self.pid.map(|p| p.to_string()).unwrap_or_default(),
            self.host,
            self.since
        )
    }

    /// Parses the lock file's text; `None` when it names nobody (cleanly closed).
    fn parse(text: &str) -> Option<LockInfo> {
        let mut info = LockInfo {
            pid: None,
            host: String::new(),
            since: String::new(),
        };
        for line in text.lines() {
            match line.split_once('=') {
                Some(("pid", v)) => info.pid = v.trim().parse().ok(),
                Some(("host", v)) => info.host = v.trim().to_string(),
                Some(("since", v)) => info.since = v.trim().to_string(),
                _ => {}
            }
        }
        if info.pid.is_none() && info.host.is_empty() && info.since.is_empty() {
            None
        } else {
            Some(info)
        }
    }
}

/// Path of the lock file of `plan`.
pub fn lock_path(plan: &Path) -> PathBuf {
    let mut s = plan.as_os_str().to_os_string();
    s.push(".lock");
    PathBuf::from(s)
}

/// Outcome of trying to lock a plan.
pub enum Acquired {
    /// This instance now holds the lock. `crashed` names an earlier instance that ended without
    /// closing the plan (stale lock file taken over).
    Held {
        lock: PlanLock,
        crashed: Option<LockInfo>,
    },
    /// Another instance holds it.
    Busy(LockInfo),
}

/// The held lock; released (and the file emptied) on drop.
#[derive(Debug)]
pub struct PlanLock {
    file: File,
    empty_on_drop: bool,
}

impl PlanLock {
    /// Tries to lock `plan`. I/O problems with the lock file (read-only folder, …) are not fatal:
    /// the plan opens without the lock then (`Ok(None)`).
    pub fn acquire(plan: &Path) -> Option<Acquired> {
        let path = lock_path(plan);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .ok()?;
        match file.try_lock() {
            Ok(()) => {
                let mut old = String::new();
                let _ = file.read_to_string(&mut old);
                let crashed = LockInfo::parse(&old);
                let me = LockInfo::current();
                let _ = file.set_len(0);
                let _ = file.seek(SeekFrom::Start(0));
                let _ = file.write_all(me.to_text().as_bytes());
                let _ = file.sync_data();
                Some(Acquired::Held {
                    lock: PlanLock {
                        file,
                        empty_on_drop: true,
                    },
                    crashed,
                })
            }
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                // On Windows a locked file cannot be read: the holder stays unnamed then.
                let _ = File::open(&path).and_then(|mut f| f.read_to_string(&mut text));
                Some(Acquired::Busy(LockInfo::parse(&text).unwrap_or(LockInfo {
                    pid: None,
                    host: String::new(),
                    since: String::new(),
                })))
            }
            Err(TryLockError::Error(_)) => None,
        }
    }

    /// Who holds the lock of `plan` right now, if anyone (takes and drops the lock to check).
    pub fn holder(plan: &Path) -> Option<LockInfo> {
        if !lock_path(plan).exists() {
            return None;
        }
        match PlanLock::acquire(plan)? {
            Acquired::Busy(info) => Some(info),
            Acquired::Held { mut lock, crashed } => {
                // Checking must not erase the trace of a crashed instance.
                if let Some(c) = crashed {
                    let _ = lock.file.set_len(0);
                    let _ = lock.file.seek(SeekFrom::Start(0));
                    let _ = lock.file.write_all(c.to_text().as_bytes());
                    lock.empty_on_drop = false;
                }
                None
            }
        }
    }
}

impl Drop for PlanLock {
    fn drop(&mut self) {
        // Emptied, not deleted: deleting would let two later instances lock two different
        // files of the same name.
        if self.empty_on_drop {
            let _ = self.file.set_len(0);
        }
        let _ = self.file.unlock();
    }
}
