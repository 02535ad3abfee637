//! The seats server: a small web server inside the console process. Each
//! seat's link opens a page that follows the exercise live (server-sent
//! events) and sends votes, responses and the hot-wash feedback back; the
//! room's link shows the presenter view in a browser. It knows no terminal:
//! the console owns the session, serves what seats ask through
//! [`tabletop_core::seats::SeatsDesk`], and publishes every change back here.
//!
//! What a token grants and what is never sent: docs/seats.md.

mod assets;
mod limits;
mod refusal;
mod routes;
mod stream;
mod tls;

use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use tabletop_core::engine::Engine;
use tabletop_core::seats::{FeedbackStore, Presence, Roster, SeatLinks, SeatsDesk, Wake};
use tokio::sync::watch;

pub use limits::Limits;

/// A running seats server; it stops when this is dropped or stopped.
pub struct SeatsServer {
    pub addr: SocketAddr,
    pub links: SeatLinks,
    /// The certificate served over HTTPS (with `tls`), PEM.
    pub certificate: Option<String>,
    stop: Option<watch::Sender<bool>>,
    thread: Option<JoinHandle<()>>,
}

/// What is shared by every request.
pub(crate) struct Shared {
    pub roster: Arc<Roster>,
    pub presence: Arc<Presence>,
    pub feedback: Arc<FeedbackStore>,
    pub requests: std::sync::Mutex<std::sync::mpsc::Sender<tabletop_core::seats::SeatRequest>>,
    pub wake: Wake,
    /// The latest state the console published.
    pub feed: Arc<watch::Sender<Option<Arc<Engine>>>>,
    /// Turns true when the server is stopping: streams say goodbye and end.
    pub stopping: watch::Receiver<bool>,
    pub limits: limits::Limiter,
    /// Streams open across all seats.
    pub open_streams: std::sync::atomic::AtomicUsize,
    /// How long the exercise's records are kept, for the seat pages to say.
    pub kept_for: Option<String>,
}

/// Where and how seats are served.
#[derive(Debug, Clone)]
pub struct Serving {
    pub listen: SocketAddr,
    /// The address the links name, when it differs from `listen` (listening
    /// on every interface, the links name the one the room reaches).
    pub public_host: Option<String>,
    pub limits: Limits,
    /// The configured retention, in words ("90 days").
    pub kept_for: Option<String>,
    /// Serve HTTPS with a certificate made for this exercise.
    pub tls: bool,
}

impl Serving {
    pub fn on(listen: SocketAddr) -> Self {
        Self {
            listen,
            public_host: None,
            limits: Limits::default(),
            kept_for: None,
            tls: false,
        }
    }
}

impl SeatsServer {
    /// Binds `listen` now (so a taken port is reported before the console
    /// opens), then serves on a thread of its own. Returns the server and
    /// the desk the console serves seats through.
    pub fn start(
        serving: Serving,
        roster: Roster,
        transcript: &Path,
        engine: &Engine,
    ) -> std::io::Result<(Self, SeatsDesk)> {
        let Serving {
            listen,
            public_host,
            limits,
            kept_for,
            tls,
        } = serving;
        let listener = TcpListener::bind(listen)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let host = match public_host {
            Some(host) => host,
            None if addr.ip().is_unspecified() => "127.0.0.1".to_string(),
            None => addr.ip().to_string(),
        };
        let host = if host.contains(':') && !host.starts_with('[') {
            format!("[{host}]")
        } else {
            host
        };
        let tls = if tls { Some(tls::make(&host)?) } else { None };
        let scheme = if tls.is_some() { "https" } else { "http" };
        let base = format!("{scheme}://{host}:{}", addr.port());
        let roster = Arc::new(roster);
        let links = SeatLinks::new(&base, tls.as_ref().map(|t| t.fingerprint.clone()), &roster);
        let certificate = tls.as_ref().map(|t| t.pem.clone());
        let presence = Arc::new(Presence::default());
        let feedback = Arc::new(FeedbackStore::new(transcript));
        let (requests_tx, requests_rx) = std::sync::mpsc::channel();
        let feed = Arc::new(watch::channel(Some(Arc::new(engine.clone()))).0);
        let (stop_tx, stop_rx) = watch::channel(false);
        let wake = Wake::default();
        let shared = Arc::new(Shared {
            roster: roster.clone(),
            presence: presence.clone(),
            feedback: feedback.clone(),
            requests: std::sync::Mutex::new(requests_tx),
            wake: wake.clone(),
            feed: feed.clone(),
            stopping: stop_rx.clone(),
            limits: limits::Limiter::new(limits),
            kept_for,
            open_streams: std::sync::atomic::AtomicUsize::new(0),
        });
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .enable_time()
            .build()?;
        let thread = std::thread::Builder::new()
            .name("seats".into())
            .spawn(move || serve(runtime, listener, shared, stop_rx, tls.map(|t| t.config)))?;
        let publish_feed = feed.clone();
        let desk = SeatsDesk::new(
            wake,
            roster,
            presence,
            feedback,
            requests_rx,
            Box::new(move |engine| {
                publish_feed.send_replace(Some(engine));
            }),
        );
        Ok((
            Self {
                addr,
                links,
                certificate,
                stop: Some(stop_tx),
                thread: Some(thread),
            },
            desk,
        ))
    }

    /// Stops serving: every open page is told its link no longer works.
    pub fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(true);
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for SeatsServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn serve(
    runtime: tokio::runtime::Runtime,
    listener: TcpListener,
    shared: Arc<Shared>,
    stop: watch::Receiver<bool>,
    tls: Option<Arc<rustls::ServerConfig>>,
) {
    runtime.block_on(async move {
        let app = routes::router(shared).into_make_service_with_connect_info::<SocketAddr>();
        // Streams end when told to stop; a client that never reads its
        // goodbye is not waited on for long.
        let grace = Duration::from_secs(2);
        let mut deadline = stop.clone();
        let deadline = async move {
            let _ = deadline.wait_for(|stopping| *stopping).await;
            tokio::time::sleep(grace).await;
        };
        match tls {
            Some(config) => {
                let handle = axum_server::Handle::new();
                let mut told = stop;
                let stopper = handle.clone();
                tokio::spawn(async move {
                    let _ = told.wait_for(|stopping| *stopping).await;
                    stopper.graceful_shutdown(Some(grace));
                });
                let config = axum_server::tls_rustls::RustlsConfig::from_config(config);
                let Ok(server) = axum_server::from_tcp_rustls(listener, config) else {
                    return;
                };
                tokio::select! {
                    _ = server.handle(handle).serve(app) => {}
                    _ = deadline => {}
                }
            }
            None => {
                let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                    return;
                };
                let mut graceful = stop;
                let shutdown = async move {
                    let _ = graceful.wait_for(|stopping| *stopping).await;
                };
                let server = axum::serve(listener, app).with_graceful_shutdown(shutdown);
                tokio::select! {
                    _ = server => {}
                    _ = deadline => {}
                }
            }
        }
    });
}
