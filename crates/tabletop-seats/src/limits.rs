//! Per-seat limits: how often a seat may send, how many pages it may keep
//! open, and how large a request may be. A flood from one seat is refused
//! without touching the exercise or the other seats.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Requests a seat may send at once, before waiting.
    pub burst: u32,
    /// Requests a seat may send per second, over time.
    pub per_second: f64,
    /// Pages (event streams) a seat may have open at once.
    pub streams: usize,
    /// Streams open at once across all seats.
    pub all_streams: usize,
    /// The largest request body, in bytes.
    pub body_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            burst: 10,
            per_second: 2.0,
            streams: 4,
            all_streams: 1000,
            // A response of 4,000 characters of any script, JSON-escaped, fits.
            body_bytes: 32 * 1024,
        }
    }
}

pub(crate) struct Limiter {
    pub limits: Limits,
    buckets: Mutex<HashMap<String, Bucket>>,
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Limiter {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from the seat's allowance; `Err` holds the seconds
    /// to wait when there is none left.
    pub fn take(&self, seat: &str) -> Result<(), u64> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let bucket = buckets.entry(seat.to_string()).or_insert(Bucket {
            tokens: f64::from(self.limits.burst),
            at: now,
        });
        let refill = now.duration_since(bucket.at).as_secs_f64() * self.limits.per_second;
        bucket.tokens = (bucket.tokens + refill).min(f64::from(self.limits.burst));
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / self.limits.per_second).ceil() as u64)
        }
    }
}
