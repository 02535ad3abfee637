//! Seats from the command line: starting the server with a console run
//! (`run --seats`), closing it after, and `tabletop seats TRANSCRIPT`, which
//! prints the links of a running exercise.

use std::net::{IpAddr, SocketAddr, UdpSocket};
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use tabletop_core::seats::{Roster, SeatLinks, links_path};
use tabletop_core::session::Session;
use tabletop_core::text::visible;
use tabletop_seats::{SeatsServer, Serving};
use tabletop_tui::console::seats::{ConsoleSeats, SeatStarter};

/// Starts the seats server for a new console run and writes the links file.
pub fn serve(
    listen: SocketAddr,
    tls: bool,
    session: &Session,
    kept_for: Option<String>,
) -> anyhow::Result<ConsoleSeats> {
    let engine = session.engine();
    let roster = Roster::for_exercise(engine.scenario(), engine.plan(), engine.setup());
    let serving = Serving {
        public_host: listen
            .ip()
            .is_unspecified()
            .then(local_address)
            .flatten()
            .map(|h| h.to_string()),
        kept_for,
        tls,
        ..Serving::on(listen)
    };
    let (server, desk) = SeatsServer::start(serving, roster, session.path(), engine)
    .map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::AddrInUse => {
                "something else listens there: give another port, e.g. --listen 127.0.0.1:7879"
            }
            std::io::ErrorKind::AddrNotAvailable => {
                "this machine has no such address: give one of its own (`ip -brief address` lists them)"
            }
            _ => "give another address with --listen ADDR:PORT",
        };
        anyhow::anyhow!("cannot serve seats on {listen}: {e}; {hint}")
    })?;
    let links_file = server.links.write(session.path())?;
    let links = server.links.clone();
    Ok(ConsoleSeats::new(desk, links).holding(Box::new(Served { server, links_file })))
}

/// Seats for exercises begun from the start screen.
pub fn starter() -> std::rc::Rc<SeatStarter> {
    std::rc::Rc::new(
        |session: &Session, listen: SocketAddr, kept_for: Option<String>| {
            serve(listen, false, session, kept_for)
        },
    )
}

/// A running server and its links file, for as long as the console holds
/// them. Dropped, it stops serving (open pages are told) and removes the
/// file, since its links no longer open anything.
struct Served {
    server: SeatsServer,
    links_file: std::path::PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        self.server.stop();
        let _ = std::fs::remove_file(&self.links_file);
    }
}

/// The address other machines reach this one by, on the network the
/// default route goes through. Nothing is sent: connecting a UDP socket
/// only picks the interface.
fn local_address() -> Option<IpAddr> {
    let socket = UdpSocket::bind(("0.0.0.0", 0)).ok()?;
    socket.connect(("192.0.2.1", 9)).ok()?;
    Some(socket.local_addr().ok()?.ip()).filter(|ip| !ip.is_unspecified())
}

/// `tabletop seats TRANSCRIPT [--json]`.
pub fn print(transcript: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let shown = visible(&transcript.display().to_string());
    if !transcript.is_file() {
        bail!("{shown}: no such transcript");
    }
    let links = match SeatLinks::read(transcript) {
        Ok(links) => links,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!(
                "tabletop: {shown} has no seat links: it is not running with seats (start one with `tabletop run SCENARIO --seats`)"
            );
            return Ok(ExitCode::from(1));
        }
        Err(e) => bail!("{}: {e}", links_path(transcript).display()),
    };
    if !tabletop_core::transcript::in_use(transcript) {
        eprintln!(
            "tabletop: {shown} is not running: its console has closed, so its seat links no longer work"
        );
        return Ok(ExitCode::from(1));
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&links)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("Seats of {shown}, served at {}", visible(&links.base));
    if let Some(fingerprint) = &links.fingerprint {
        println!("Certificate SHA-256: {fingerprint}");
    }
    let width = links
        .seats
        .iter()
        .map(|s| s.label.chars().count())
        .max()
        .unwrap_or(0);
    for seat in &links.seats {
        println!(
            "  {:width$}  {:8}  {}",
            visible(&seat.label),
            seat.kind.name(),
            visible(&seat.url)
        );
    }
    println!("Each link opens one seat: give each person theirs only.");
    Ok(ExitCode::SUCCESS)
}
