//! `dossier serve` end to end: the real binary on a free port, over plain HTTP/1 on a TcpStream.
//! Each test copies `fixtures/serve-site` into a temporary folder, edits it there, and watches
//! both the pages and the `/__dossier/events` stream. Timeouts are generous (15 s) and every
//! wait polls, so a loaded two-core CI machine passes too.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(15);
const ARTICLE: &str = "content/articles/2024-10-22-threat-briefing.md";
const ARTICLE_URL: &str = "/articles/2024-10-22-threat-briefing/";
const SCRIPT_MARK: &str = "dossier serve: live reload";

/// A running `dossier serve` on a copy of the fixture site; killed when dropped.
struct Server {
    child: Child,
    port: u16,
    site: tempfile::TempDir,
}

impl Server {
    fn start() -> Server {
        let site = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serve-site"),
            site.path(),
        );
        let port = free_port();
        let log = std::fs::File::create(site.path().join("serve.log")).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_dossier"))
            .arg("--root")
            .arg(site.path())
            .args(["serve", "--port", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .unwrap();
        let mut server = Server { child, port, site };
        server.wait_until_serving();
        server
    }

    fn wait_until_serving(&mut self) {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                panic!("dossier serve exited with {status}:\n{}", self.log());
            }
            if let Ok((200, _)) = self.try_get("/") {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("dossier serve did not answer in time:\n{}", self.log());
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.site.path().join("serve.log")).unwrap_or_default()
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.site.path().join(rel)
    }

    /// GET over a fresh connection: (status code, body).
    fn try_get(&self, path: &str) -> std::io::Result<(u16, String)> {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port))?;
        stream.set_read_timeout(Some(TIMEOUT))?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )?;
        let mut response = Vec::new();
        stream.read_to_end(&mut response)?;
        let response = String::from_utf8_lossy(&response).into_owned();
        let (head, body) = response.split_once("\r\n\r\n").unwrap_or((&response, ""));
        let status = head
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Ok((status, body.to_string()))
    }

    fn get(&self, path: &str) -> (u16, String) {
        self.try_get(path)
            .unwrap_or_else(|e| panic!("GET {path}: {e}\n{}", self.log()))
    }

    /// Polls `path` until its body contains `text`.
    fn wait_for_page(&self, path: &str, text: &str) -> String {
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let (status, body) = self.get(path);
            if status == 200 && body.contains(text) {
                return body;
            }
            assert!(
                Instant::now() < deadline,
                "{path} never contained {text:?}; last answer {status}:\n{body}\nlog:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// Opens the event stream; returns once the server's greeting shows it is subscribed.
    fn events(&self) -> EventStream {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        // HTTP/1.0, so the stream comes without chunked framing.
        write!(
            stream,
            "GET /__dossier/events HTTP/1.0\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n"
        )
        .unwrap();
        let mut events = EventStream {
            stream,
            buffer: String::new(),
        };
        events.fill_until(|b| b.contains(": dossier live reload\n\n"), "the greeting");
        assert!(
            events.buffer.starts_with("HTTP/1.") && events.buffer.contains(" 200 "),
            "{}",
            events.buffer
        );
        let after = events.buffer.find(": dossier live reload\n\n").unwrap()
            + ": dossier live reload\n\n".len();
        events.buffer.drain(..after);
        events
    }

    /// Writes a file the way many editors save: a hidden temporary file renamed over the old one.
    fn save_by_rename(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        let temporary = path.with_file_name(format!(
            ".{}.tmp",
            path.file_name().unwrap().to_string_lossy()
        ));
        std::fs::write(&temporary, text).unwrap();
        std::fs::rename(&temporary, &path).unwrap();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The raw text of a server-sent event stream.
struct EventStream {
    stream: TcpStream,
    buffer: String,
}

impl EventStream {
    fn fill_until(&mut self, done: impl Fn(&str) -> bool, what: &str) {
        let deadline = Instant::now() + TIMEOUT;
        let mut chunk = [0u8; 4096];
        while !done(&self.buffer) {
            assert!(
                Instant::now() < deadline,
                "no {what} on the event stream; got:\n{}",
                self.buffer
            );
            match self.stream.read(&mut chunk) {
                Ok(0) => panic!("the event stream closed; got:\n{}", self.buffer),
                Ok(n) => self.buffer.push_str(&String::from_utf8_lossy(&chunk[..n])),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(e) => panic!("reading the event stream: {e}"),
            }
        }
    }

    /// Waits for the next event named `name` (skipping others) and returns its data.
    fn next(&mut self, name: &str) -> String {
        loop {
            self.fill_until(|b| b.contains("\n\n"), name);
            let end = self.buffer.find("\n\n").unwrap();
            let block: String = self.buffer.drain(..end + 2).collect();
            let mut event = "message";
            let mut data = Vec::new();
            for line in block.lines() {
                if let Some(value) = line.strip_prefix("event:") {
                    event = value.trim();
                } else if let Some(value) = line.strip_prefix("data:") {
                    data.push(value.strip_prefix(' ').unwrap_or(value));
                }
            }
            if event == name {
                return data.join("\n");
            }
        }
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

#[test]
fn serve_answers_pages_with_the_live_reload_script_injected() {
    let server = Server::start();
    let (status, home) = server.get("/");
    assert_eq!(status, 200);
    assert!(home.contains("Serve fixture"), "{home}");
    assert!(home.contains(SCRIPT_MARK), "{home}");
    assert!(home.contains("/__dossier/events"), "{home}");
    let (status, article) = server.get(ARTICLE_URL);
    assert_eq!(status, 200);
    assert!(article.contains("October threat briefing"), "{article}");
    assert!(article.contains(SCRIPT_MARK));
    let script = article.find(SCRIPT_MARK).unwrap();
    assert!(script < article.rfind("</body>").unwrap());

    // The script is added when serving, never written into the built files.
    let on_disk = std::fs::read_to_string(server.path(".dossier-serve/index.html")).unwrap();
    assert!(!on_disk.contains(SCRIPT_MARK));

    let (status, json) = server.get("/__dossier/status");
    assert_eq!(status, 200);
    assert!(json.contains("\"ok\":true"), "{json}");
    let (status, missing) = server.get("/no/such/page/");
    assert_eq!(status, 404);
    assert!(missing.contains(SCRIPT_MARK));
}

#[test]
fn saving_an_article_sends_reload_and_serves_the_new_title() {
    let server = Server::start();
    let mut events = server.events();
    let text = std::fs::read_to_string(server.path(ARTICLE)).unwrap();
    let edited = text.replace(
        "title = \"October threat briefing\"",
        "title = \"November threat briefing\"",
    );
    assert_ne!(text, edited);
    server.save_by_rename(ARTICLE, &edited);
    assert_eq!(events.next("reload"), "reload");
    server.wait_for_page(ARTICLE_URL, "November threat briefing");
    let log = server.log();
    assert!(log.contains("rebuilt in "), "{log}");
    assert!(log.contains("1 file changed"), "{log}");
}

#[test]
fn a_broken_article_shows_an_error_until_the_next_good_save() {
    let server = Server::start();
    let mut events = server.events();
    let good = std::fs::read_to_string(server.path(ARTICLE)).unwrap();
    let broken = good.replace("date = 2024-10-22", "date = \"last Tuesday\"");
    assert_ne!(good, broken);
    std::fs::write(server.path(ARTICLE), &broken).unwrap();

    let error = events.next("error");
    assert!(error.contains("2024-10-22-threat-briefing.md"), "{error}");
    assert!(error.contains("build failed"), "{error}");
    // The terminal shows the same diagnostics.
    let deadline = Instant::now() + TIMEOUT;
    while !server.log().contains("build failed") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(server.log().contains("2024-10-22-threat-briefing.md"));

    // The server still answers, with the last good build, and says the build is broken.
    let (status, article) = server.get(ARTICLE_URL);
    assert_eq!(status, 200);
    assert!(article.contains("October threat briefing"));
    let (_, json) = server.get("/__dossier/status");
    assert!(json.contains("\"ok\":false"), "{json}");
    assert!(json.contains("2024-10-22-threat-briefing.md"), "{json}");

    std::fs::write(
        server.path(ARTICLE),
        good.replace("October", "Late October"),
    )
    .unwrap();
    assert_eq!(events.next("reload"), "reload");
    server.wait_for_page(ARTICLE_URL, "Late October threat briefing");
    let (_, json) = server.get("/__dossier/status");
    assert!(json.contains("\"ok\":true"), "{json}");
}

#[cfg(unix)]
#[test]
fn ctrl_c_stops_the_server_with_exit_code_zero() {
    let mut server = Server::start();
    // An open event stream must not keep the server from stopping.
    let _events = server.events();
    let interrupted = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(interrupted.success());
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = server.child.try_wait().unwrap() {
            break status;
        }
        assert!(
            Instant::now() < deadline,
            "still running after Ctrl-C:\n{}",
            server.log()
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}:\n{}", server.log());
    assert!(server.log().contains("stopped"), "{}", server.log());
}
