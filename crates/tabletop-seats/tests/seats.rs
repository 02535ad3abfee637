//! The seats server as participants and intruders meet it, over real
//! loopback connections.

mod common;

use common::{Stream, Table, eventually, get, post, post_as};
use tabletop_core::engine::{Command, Speaker};
use tabletop_core::transcript::read_transcript;
use tabletop_seats::Limits;

/// Words that only the facilitator's texts carry in the fixture.
const FACILITATOR_ONLY: [&str; 4] = [
    "FACILITATOR-MARKER",
    "TIP-MARKER",
    "EXPECTED-MARKER",
    "REASON-MARKER",
];

#[test]
fn every_page_and_stream_a_seat_reaches_holds_only_what_it_may_see() {
    let table = Table::open(&[], Limits::default());
    let seats = [
        "incident-commander",
        "legal",
        "it-security",
        "scribe",
        "observer",
        "room",
    ];
    let streams: Vec<(&str, Stream)> = seats
        .iter()
        .map(|s| (*s, Stream::open(&table.url(s))))
        .collect();
    for (_, stream) in &streams {
        stream.wait_for("the first view", |_| true);
    }
    // Each inject in turn, every stream catching up before the next.
    table.facilitate(Command::Start);
    for story in ["09:05", "09:20", "09:40"] {
        table.facilitate(Command::DeliverNext);
        for (_, stream) in &streams {
            stream.wait_for(story, |v| {
                v["story"].as_str().is_some_and(|s| s.contains(story))
            });
        }
    }
    // Everything each seat could fetch: its page, its stream, the assets.
    for (seat, stream) in &streams {
        let (status, page) = get(&table.url(seat));
        assert_eq!(status, 200, "{seat}: {page}");
        let mut reached = stream.text() + &page;
        for asset in ["seats.css", "seat.js", "room.js"] {
            reached += &get(&format!("{}/assets/{asset}", table.base())).1;
        }
        for hidden in FACILITATOR_ONLY {
            assert!(!reached.contains(hidden), "{seat} received {hidden}");
        }
        assert_eq!(
            reached.contains("PRIVATE-LEGAL-MARKER"),
            *seat == "legal",
            "{seat} and counsel's private letter"
        );
        // The artefact is private to its inject's roles: IT security and
        // the incident commander.
        assert_eq!(
            reached.contains("PRIVATE-IT-MARKER"),
            ["it-security", "incident-commander"].contains(seat),
            "{seat} and the private artefact"
        );
    }
    // Counsel's private letter stays readable on counsel's page after the
    // log extract arrives, and on no other.
    let legal_now = streams[1].1.views().last().unwrap().clone();
    let earlier: Vec<&str> = legal_now["earlier"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(earlier, ["counsel-letter", "alert"], "newest first");
    for (seat, stream) in &streams {
        let latest = stream.views().last().unwrap().to_string();
        assert_eq!(
            latest.contains("PRIVATE-LEGAL-MARKER"),
            *seat == "legal",
            "{seat}'s latest view"
        );
    }
    // Each page says what it records before anything is sent.
    let said = streams[1].1.views().last().unwrap()["recorded"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        said.contains("under your role, not your name") && said.contains("kept for 90 days"),
        "{said}"
    );
    let room = streams[5].1.views().last().unwrap().clone();
    assert!(
        room.get("recorded").is_none() && room.get("seat").is_none(),
        "the room's page is the presenter view: {room}"
    );
    // The decision's options reach the seats; their quality does not.
    let legal = &streams[1].1;
    assert!(legal.text().contains("Disable the account"));
    for word in ["strong", "weak", "quality", "fulfils"] {
        assert!(!legal.text().contains(word), "{word} reached a seat");
    }
}

#[test]
fn votes_and_responses_are_recorded_by_seat_and_role_and_corrected_only_by_their_seat() {
    let table = Table::open(&[], Limits::default());
    let ic = Stream::open(&table.url("incident-commander"));
    let legal = Stream::open(&table.url("legal"));
    table.facilitate(Command::Start);
    table.facilitate(Command::DeliverNext);
    ic.wait_for("the decision", |v| !v["decision"].is_null());
    legal.wait_for("the decision", |v| !v["decision"].is_null());

    let (status, body) = post(
        &format!("{}/vote", table.url("incident-commander")),
        r#"{"inject":"alert","option":"watch"}"#,
    );
    assert_eq!(status, 200, "{body}");
    // A changed mind: the later vote stands.
    let (status, _) = post(
        &format!("{}/vote", table.url("incident-commander")),
        r#"{"inject":"alert","option":"disable"}"#,
    );
    assert_eq!(status, 200);
    ic.wait_for("my vote", |v| v["decision"]["my_vote"] == "disable");
    let (status, body) = post(
        &format!("{}/response", table.url("legal")),
        r#"{"item":"alert","text":"Call outside counsel before anything is said."}"#,
    );
    assert_eq!(status, 200, "{body}");
    let seq: u64 = serde_json::from_str::<serde_json::Value>(&body).unwrap()["seq"]
        .as_u64()
        .unwrap();
    legal.wait_for("my answer", |v| v["responses"][0]["seq"] == seq);
    // Another seat cannot put words in counsel's mouth.
    let (status, body) = post(
        &format!("{}/correct", table.url("incident-commander")),
        &format!(r#"{{"response_seq":{seq},"text":"We pay."}}"#),
    );
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("own answers"), "{body}");
    let (status, _) = post(
        &format!("{}/correct", table.url("legal")),
        &format!(r#"{{"response_seq":{seq},"text":"Call outside counsel first."}}"#),
    );
    assert_eq!(status, 200);
    legal.wait_for("the correction", |v| v["responses"][0]["corrected"] == true);
    // The facilitator still records the team's decision.
    table.facilitate(Command::Decide {
        inject: "alert".into(),
        option: "disable".into(),
        speaker: Speaker {
            role: "incident-commander".into(),
            by: None,
        },
        text: None,
    });

    let read = read_transcript(&table.transcript).unwrap();
    assert!(read.damage.is_none(), "the chain holds: {:?}", read.damage);
    let text = table.transcript_text();
    assert!(
        text.contains(
            r#""type":"seat_joined","data":{"seat":"legal","kind":"role","roles":["legal"]}"#
        ),
        "{text}"
    );
    assert!(text.contains(r#""type":"vote_cast","data":{"inject":"alert","option":"disable","seat":"incident-commander","role":"incident-commander"}"#));
    assert!(
        text.contains(r#""seat":"legal"}"#),
        "the response names its seat"
    );
    assert!(text.contains("Call outside counsel first."));
    assert!(
        !text.contains(&table.url("legal")[table.base().len() + 3..]),
        "no token in the transcript"
    );
}

#[test]
fn intruders_floods_and_oversized_requests_are_refused_and_change_nothing() {
    let limits = Limits {
        burst: 5,
        per_second: 0.5,
        ..Limits::default()
    };
    let table = Table::open(&[], limits);
    let legal = Stream::open(&table.url("legal"));
    table.facilitate(Command::Start);
    table.facilitate(Command::DeliverNext);
    legal.wait_for("the decision", |v| !v["decision"].is_null());
    eventually("legal's join recorded", || {
        table.transcript_text().contains(r#""seat":"legal""#)
    });
    let before = table.transcript_text();
    let base = table.base().to_string();
    let legal_url = table.url("legal");
    let token = legal_url.rsplit('/').next().unwrap().to_string();
    let unknown = format!("{base}/s/{}", "0".repeat(32));
    for (url, status, says) in [
        (unknown.clone(), 404, "not known"),
        (format!("{base}/s/{}", &token[..31]), 400, "malformed"),
        (
            format!("{base}/s/{}", token.to_uppercase()),
            400,
            "malformed",
        ),
        (format!("{base}/room/{token}"), 404, "not known"),
        (
            format!("{base}/s/{token}/../../etc/passwd"),
            404,
            "Nothing here",
        ),
        (format!("{base}/assets/"), 404, "Nothing here"),
        (format!("{base}/"), 404, "Nothing here"),
        (format!("{unknown}/events"), 404, "not known"),
    ] {
        let (got, body) = get(&url);
        assert_eq!(got, status, "{url}: {body}");
        assert!(body.contains(says), "{url}: {body}");
    }
    let vote = format!("{legal_url}/vote");
    let oversized = format!(r#"{{"item":"alert","text":"{}"}}"#, "x".repeat(64 * 1024));
    for (url, body, kind, status, says) in [
        (
            format!("{unknown}/vote"),
            r#"{"inject":"alert","option":"watch"}"#.to_string(),
            "application/json",
            404,
            "not known",
        ),
        (
            format!("{}/vote", table.url("observer")),
            r#"{"inject":"alert","option":"watch"}"#.to_string(),
            "application/json",
            403,
            "watches only",
        ),
        (
            vote.clone(),
            r#"{"inject":"alert","option":"watch"}"#.to_string(),
            "text/plain",
            415,
            "JSON",
        ),
        (
            vote.clone(),
            r#"{"inject":"alert","option":"watch","weight":100}"#.to_string(),
            "application/json",
            400,
            "not understood",
        ),
        (
            format!("{legal_url}/response"),
            oversized,
            "application/json",
            413,
            "Too long",
        ),
    ] {
        let (got, answer) = post_as(&url, &body, kind);
        assert_eq!(got, status, "{url}: {answer}");
        assert!(answer.contains(says), "{url}: {answer}");
    }
    // A flood spends the seat's allowance and is turned away.
    let answers: Vec<(u16, String)> = (0..8).map(|_| post(&vote, "{}")).collect();
    let first = answers.iter().position(|(status, _)| *status == 429);
    assert!(first.is_some_and(|n| n <= 2), "{answers:?}");
    assert!(
        answers
            .iter()
            .skip(first.unwrap())
            .all(|(s, a)| *s == 429 && a.contains("Too many requests")),
        "{answers:?}"
    );
    assert_eq!(table.transcript_text(), before, "nothing was recorded");
    // Feedback is not taken before the end.
    std::thread::sleep(std::time::Duration::from_secs(2));
    let (got, answer) = post(&format!("{legal_url}/feedback"), r#"{"comments":"early"}"#);
    assert_eq!(got, 409, "{answer}");
    assert!(!table.transcript.with_extension("jsonl.feedback").exists());
}

#[test]
fn feedback_after_the_end_is_kept_apart_once_per_seat_and_shown_only_from_three() {
    let table = Table::open(&[], Limits::default());
    let streams: Vec<Stream> = ["incident-commander", "legal", "it-security"]
        .iter()
        .map(|s| Stream::open(&table.url(s)))
        .collect();
    table.facilitate(Command::Start);
    table.facilitate(Command::End);
    for stream in &streams {
        stream.wait_for("the feedback form", |v| v["feedback"]["sent"] == false);
    }
    let form = r#"{"ratings":{"decide-fast":4},"strengths":"Quick call on containment","improvements":"","comments":""}"#;
    for (n, seat) in ["incident-commander", "legal"].iter().enumerate() {
        let (status, body) = post(&format!("{}/feedback", table.url(seat)), form);
        assert_eq!(status, 200, "{body}");
        assert!(body.contains(&format!("\"answers\":{}", n + 1)), "{body}");
    }
    let (status, body) = post(&format!("{}/feedback", table.url("legal")), form);
    assert_eq!(status, 409, "one form per seat: {body}");
    streams[0].wait_for("sent", |v| {
        v["feedback"]["sent"] == true && v["feedback"]["answers"] == 2
    });
    let kept = std::fs::read_to_string(format!("{}.feedback", table.transcript.display())).unwrap();
    assert_eq!(kept.lines().count(), 2);
    for seat in ["incident-commander", "legal", "seat"] {
        assert!(!kept.contains(seat), "{seat} in the feedback file");
    }
    // Nothing is appended to the transcript after the end.
    assert!(!table.transcript_text().contains("Quick call"));
    let (status, body) = post(
        &format!("{}/response", table.url("it-security")),
        r#"{"item":"alert","text":"too late"}"#,
    );
    assert_eq!(status, 409, "{body}");
    assert!(body.contains("ended"), "{body}");
}

#[test]
fn the_links_stop_working_when_the_console_closes() {
    let mut table = Table::open(&[], Limits::default());
    let legal = Stream::open(&table.url("legal"));
    legal.wait_for("the first view", |_| true);
    let url = table.url("legal");
    table.stop_server();
    legal.wait_ended();
    assert!(legal.text().contains("event: gone"), "{}", legal.text());
    assert!(legal.text().contains("no longer works"));
    let refused = common::agent().get(&url).call();
    assert!(refused.is_err(), "nothing listens any more");
}

#[test]
fn a_named_participant_is_told_their_name_goes_with_their_answers() {
    let table = Table::open(&[("Dana Reyes", &["legal"])], Limits::default());
    let dana = Stream::open(&table.url("participant-1"));
    let view = dana.wait_for("the first view", |_| true);
    assert_eq!(view["seat"]["label"], "Dana Reyes");
    assert!(
        view["recorded"]
            .as_str()
            .unwrap()
            .contains("with your name and role"),
        "{view}"
    );
    table.facilitate(Command::Start);
    table.facilitate(Command::DeliverNext);
    dana.wait_for("the decision", |v| !v["decision"].is_null());
    let (status, body) = post(
        &format!("{}/vote", table.url("participant-1")),
        r#"{"inject":"alert","option":"disable"}"#,
    );
    assert_eq!(status, 200, "{body}");
    let text = table.transcript_text();
    assert!(
        text.contains(r#""seat":"participant-1","role":"legal","by":"Dana Reyes""#),
        "{text}"
    );
    assert!(
        text.contains(
            r#""seat":"participant-1","kind":"person","roles":["legal"],"by":"Dana Reyes""#
        )
    );
}

#[test]
fn with_tls_the_seats_are_served_over_https_with_the_certificate_shown() {
    use std::sync::Arc;
    use ureq::tls::{Certificate, RootCerts, TlsConfig};
    let table = Table::serving(&[], Limits::default(), true);
    assert!(
        table.base().starts_with("https://127.0.0.1:"),
        "{}",
        table.base()
    );
    let fingerprint = table
        .links
        .fingerprint
        .clone()
        .expect("the fingerprint is given");
    assert_eq!(fingerprint.len(), 32 * 3 - 1, "{fingerprint}");
    // A browser that trusts this exercise's certificate gets the page.
    let pem = table.certificate.clone().unwrap();
    let trusted: ureq::Agent = ureq::Agent::config_builder()
        .tls_config(
            TlsConfig::builder()
                .root_certs(RootCerts::Specific(Arc::new(vec![
                    Certificate::from_pem(pem.as_bytes()).unwrap().to_owned(),
                ])))
                .build(),
        )
        .build()
        .into();
    let mut page = trusted.get(&table.url("legal")).call().unwrap();
    assert_eq!(page.status().as_u16(), 200);
    assert!(
        page.body_mut()
            .read_to_string()
            .unwrap()
            .contains("/assets/seat.js")
    );
    // Nothing is served in the clear on the same port, and a client that
    // does not trust the certificate is refused by its own TLS check.
    let clear = table.url("legal").replacen("https://", "http://", 1);
    assert!(
        common::agent().get(&clear).call().is_err(),
        "plain HTTP is not answered"
    );
    let untrusting: ureq::Agent = ureq::Agent::config_builder().build().into();
    assert!(untrusting.get(&table.url("legal")).call().is_err());
}
