//! The HTTP side of `dossier serve`: the output folder as static files, with a live-reload script
//! added to every HTML response (never to the files on disk), a server-sent event stream that
//! tells tabs to reload or show a build error, and a status endpoint for pages loaded after it.

use std::convert::Infallible;
use std::future::Future;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use tokio::sync::broadcast::error::RecvError;

use super::{Live, Notice};

/// Where the browser listens for `reload` and `error` events.
pub const EVENTS_PATH: &str = "/__dossier/events";
/// Where a freshly loaded page asks whether the last build failed.
pub const STATUS_PATH: &str = "/__dossier/status";

/// The script added before `</body>`. It listens for `reload` and `error`, and asks the status
/// on load, so a page opened (or reloaded by hand) while the site is broken shows the error too.
/// `error` is also the name of EventSource's own connection-error event, which has no `data`:
/// only events carrying text are build errors.
const LIVE_RELOAD_SCRIPT: &str = r#"<script>/* dossier serve: live reload */
(function () {
  var overlay = null;
  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "dossier-error-overlay";
      overlay.setAttribute("style", "position:fixed;inset:0;z-index:2147483647;overflow:auto;margin:0;padding:2em;background:rgba(24,24,27,.96);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace");
      document.body.appendChild(overlay);
    }
    overlay.innerHTML = '<h2 style="color:#f87171;margin-top:0">dossier: the build failed</h2><p>The page below is the last good build. Fix the problem and save: this page reloads.</p>';
    var pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap";
    pre.textContent = text;
    overlay.appendChild(pre);
  }
  fetch("/__dossier/status").then(function (r) { return r.json(); })
    .then(function (s) { if (!s.ok) show(s.errors); }).catch(function () {});
  var events = new EventSource("/__dossier/events");
  events.addEventListener("reload", function () { location.reload(); });
  events.addEventListener("error", function (e) { if (typeof e.data === "string") show(e.data); });
})();
</script>
"#;

/// What the server needs to answer requests.
#[derive(Clone)]
pub struct ServeState {
    pub output: Arc<PathBuf>,
    pub live: Arc<Live>,
}

/// The HTTP router: the live-reload endpoints, then the output folder for everything else.
pub fn router(state: ServeState) -> Router {
    Router::new()
        .route(EVENTS_PATH, get(events))
        .route(STATUS_PATH, get(status))
        .fallback(serve_file)
        .with_state(state)
}

/// Serves until `shutdown` completes, then ends the event streams (which would otherwise keep
/// graceful shutdown waiting forever) and waits a moment for the last responses.
pub async fn serve(
    listener: tokio::net::TcpListener,
    state: ServeState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let live = state.live.clone();
    let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
    let server = axum::serve(listener, router(state)).with_graceful_shutdown(async move {
        shutdown.await;
        let _ = live.notices.send(Notice::Shutdown);
        let _ = stopping_tx.send(());
    });
    let server = server.into_future();
    tokio::pin!(server);
    tokio::select! {
        result = &mut server => return result,
        _ = stopping_rx => {}
    }
    // A connection that ignores the shutdown does not keep the process alive.
    match tokio::time::timeout(Duration::from_secs(2), server).await {
        Ok(result) => result,
        Err(_) => Ok(()),
    }
}

/// The server-sent event stream: a comment at once (so the client knows it is connected), then
/// `reload` or `error` (data: the build's diagnostics) after each build.
async fn events(State(state): State<ServeState>) -> impl IntoResponse {
    let receiver = state.live.notices.subscribe();
    let hello = Event::default().comment("dossier live reload");
    let stream = futures_util::stream::unfold(
        (Some(hello), receiver),
        |(hello, mut receiver)| async move {
            if let Some(hello) = hello {
                return Some((Ok::<_, Infallible>(hello), (None, receiver)));
            }
            let event = match receiver.recv().await {
                Ok(Notice::Reload) | Err(RecvError::Lagged(_)) => {
                    // Events with empty data are dropped by browsers.
                    Event::default().event("reload").data("reload")
                }
                Ok(Notice::Failed(text)) => Event::default()
                    .event("error")
                    .data(text.replace("\r\n", "\n").replace('\r', "")),
                Ok(Notice::Shutdown) | Err(RecvError::Closed) => return None,
            };
            Some((Ok(event), (None, receiver)))
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// `{"ok": bool, "errors": "..."}`: the latest build's outcome.
async fn status(State(state): State<ServeState>) -> Response {
    let status = state.live.status();
    (
        [(header::CACHE_CONTROL, "no-store")],
        axum::Json(serde_json::json!({ "ok": status.ok, "errors": status.errors })),
    )
        .into_response()
}

async fn serve_file(State(state): State<ServeState>, uri: Uri) -> Response {
    let Some(path) = resolve(&state.output, uri.path()) else {
        return not_found(&state).await;
    };
    let mut read = tokio::fs::read(&path).await;
    if read.is_err() && !state.output.exists() {
        // A rebuild swaps the output folder in with two renames; retry once across the gap.
        tokio::time::sleep(Duration::from_millis(100)).await;
        read = tokio::fs::read(&path).await;
    }
    match read {
        Ok(bytes) => {
            let content_type = content_type(&path);
            let body = if content_type.starts_with("text/html") {
                inject_live_reload(&bytes)
            } else {
                bytes
            };
            (
                [
                    (header::CONTENT_TYPE, content_type),
                    (header::CACHE_CONTROL, "no-cache"),
                ],
                body,
            )
                .into_response()
        }
        Err(_) => not_found(&state).await,
    }
}

async fn not_found(state: &ServeState) -> Response {
    let status = state.live.status();
    if !status.ok && !state.output.exists() {
        // Nothing was ever built: the error itself is the page.
        return (
            StatusCode::INTERNAL_SERVER_ERROR,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            error_page(&status.errors),
        )
            .into_response();
    }
    let body = tokio::fs::read(state.output.join("404.html"))
        .await
        .unwrap_or_else(|_| {
            b"<!doctype html><title>Not found</title><body>Not found</body>".to_vec()
        });
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        inject_live_reload(&body),
    )
        .into_response()
}

/// The page shown when no build ever succeeded: the diagnostics, escaped, plus the live-reload
/// script, so the first good save replaces it with the site.
fn error_page(errors: &str) -> Vec<u8> {
    let page = format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>Build failed · dossier</title></head>\n<body><h1>dossier: the build failed</h1>\n<pre>{}</pre>\n</body></html>\n",
        crate::escape::escape_html(errors)
    );
    inject_live_reload(page.as_bytes())
}

/// Adds the live-reload script before the last `</body>` (any case), or at the end of a page
/// that has none.
fn inject_live_reload(html: &[u8]) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + LIVE_RELOAD_SCRIPT.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(LIVE_RELOAD_SCRIPT.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Maps a URL path to a file in the output folder; `..` never leaves it.
fn resolve(output: &Path, url_path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(url_path);
    let mut path = output.to_path_buf();
    for part in Path::new(decoded.trim_start_matches('/')).components() {
        match part {
            Component::Normal(p) => path.push(p),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if path.is_dir() {
        path.push("index.html");
    }
    Some(path)
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(
                std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                16,
            )
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn content_type(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
    {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_paths_never_leave_the_output_folder() {
        let out = Path::new("/srv/site");
        assert!(resolve(out, "/../etc/passwd").is_none());
        assert_eq!(
            resolve(out, "/style.css").unwrap(),
            Path::new("/srv/site/style.css")
        );
        assert_eq!(
            resolve(out, "/a%20b.txt").unwrap(),
            Path::new("/srv/site/a b.txt")
        );
    }

    #[test]
    fn live_reload_script_goes_before_the_last_body_end_tag() {
        let page = inject_live_reload(b"<html><body><p>x</p></BODY></html>");
        let page = String::from_utf8(page).unwrap();
        let script = page.find("<script>/* dossier serve").unwrap();
        assert!(script > page.find("<p>x</p>").unwrap());
        assert!(script < page.find("</BODY>").unwrap());
        let bare = String::from_utf8(inject_live_reload(b"<p>no body</p>")).unwrap();
        assert!(bare.starts_with("<p>no body</p><script>"));
    }

    #[test]
    fn error_page_escapes_the_diagnostics() {
        let page = String::from_utf8(error_page("expected <date> & \"title\"")).unwrap();
        assert!(page.contains("expected &lt;date&gt; &amp; &quot;title&quot;"));
        assert!(page.contains(EVENTS_PATH));
    }
}
