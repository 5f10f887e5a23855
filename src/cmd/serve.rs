//! `dossier serve`: builds the site with `base_url` pointing at the local server, and serves the
//! output folder over HTTP (axum), so a newcomer can browse the digest at once.

use std::net::SocketAddr;
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};

/// What the server needs to answer requests.
#[derive(Clone)]
pub struct ServeState {
    pub output: Arc<PathBuf>,
}

/// The HTTP router over an output folder.
pub fn router(state: ServeState) -> Router {
    Router::new().fallback(serve_file).with_state(state)
}

/// Serves until Ctrl-C.
pub async fn serve(addr: SocketAddr, state: ServeState) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, router(state))
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

async fn serve_file(State(state): State<ServeState>, uri: Uri) -> Response {
    let Some(path) = resolve(&state.output, uri.path()) else {
        return not_found(&state.output).await;
    };
    match tokio::fs::read(&path).await {
        Ok(bytes) => ([(header::CONTENT_TYPE, content_type(&path))], bytes).into_response(),
        Err(_) => not_found(&state.output).await,
    }
}

async fn not_found(output: &Path) -> Response {
    let body = tokio::fs::read(output.join("404.html"))
        .await
        .unwrap_or_else(|_| b"Not found".to_vec());
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        body,
    )
        .into_response()
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
}
