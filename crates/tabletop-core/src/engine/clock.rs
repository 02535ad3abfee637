//! The facilitation clock: real time in the room, pausable, with a speed factor
//! and jumps. Elapsed time is computed from the last anchor, never summed from
//! ticks, so a long session does not drift.

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Clock speed in thousandths: 1000 is real time, 2000 twice as fast. Integer
/// arithmetic keeps replays exact.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Speed(pub u32);

impl Speed {
    pub const NORMAL: Self = Self(1000);
    pub const MIN: Self = Self(250);
    pub const MAX: Self = Self(16_000);

    /// The next speed up or down the usual steps (¼×, ½×, 1×, 2×, 4×, 8×, 16×).
    pub fn step(self, faster: bool) -> Self {
        let next = if faster {
            self.0.saturating_mul(2)
        } else {
            self.0 / 2
        };
        Self(next.clamp(Self::MIN.0, Self::MAX.0))
    }
}

impl std::fmt::Display for Speed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            n if n % 1000 == 0 => write!(f, "{}×", n / 1000),
            250 => f.write_str("¼×"),
            500 => f.write_str("½×"),
            n => write!(f, "{:.2}×", f64::from(n) / 1000.0),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacilitationClock {
    pub running: bool,
    pub speed: Speed,
    anchor_wall: DateTime<Utc>,
    anchor_elapsed_ms: i64,
}

impl FacilitationClock {
    pub fn stopped_at(wall: DateTime<Utc>) -> Self {
        Self {
            running: false,
            speed: Speed::NORMAL,
            anchor_wall: wall,
            anchor_elapsed_ms: 0,
        }
    }

    /// Facilitation time at a wall-clock moment, in milliseconds.
    pub fn elapsed_at(&self, wall: DateTime<Utc>) -> i64 {
        if !self.running {
            return self.anchor_elapsed_ms;
        }
        let real = (wall - self.anchor_wall).num_milliseconds().max(0);
        // Saturating: recorded times are untrusted and must never panic.
        self.anchor_elapsed_ms
            .saturating_add(real.saturating_mul(i64::from(self.speed.0)) / 1000)
    }

    /// The wall-clock moment the clock will show `elapsed_ms`, if it is running.
    pub fn wall_at(&self, elapsed_ms: i64) -> Option<DateTime<Utc>> {
        if !self.running {
            return None;
        }
        let ahead = elapsed_ms.saturating_sub(self.anchor_elapsed_ms).max(0);
        // Round up, so waking at this moment finds the time reached.
        let speed = i64::from(self.speed.0);
        let real = ahead.saturating_mul(1000).saturating_add(speed - 1) / speed;
        self.anchor_wall
            .checked_add_signed(TimeDelta::try_milliseconds(real)?)
    }

    /// Re-anchors at a recorded moment; every change of state goes through here.
    pub fn set(&mut self, wall: DateTime<Utc>, elapsed_ms: i64, running: bool, speed: Speed) {
        self.anchor_wall = wall;
        self.anchor_elapsed_ms = elapsed_ms;
        self.running = running;
        self.speed = speed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(secs: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_767_258_000 + secs, 0).unwrap()
    }

    #[test]
    fn runs_pauses_and_speeds_from_anchors() {
        let mut clock = FacilitationClock::stopped_at(t(0));
        assert_eq!(clock.elapsed_at(t(100)), 0);
        clock.set(t(0), 0, true, Speed::NORMAL);
        assert_eq!(clock.elapsed_at(t(90)), 90_000);
        clock.set(t(90), 90_000, false, Speed::NORMAL);
        assert_eq!(clock.elapsed_at(t(500)), 90_000);
        clock.set(t(500), 90_000, true, Speed(2000));
        assert_eq!(clock.elapsed_at(t(530)), 150_000);
        assert_eq!(clock.wall_at(150_000), Some(t(530)));
    }

    #[test]
    fn hours_of_running_do_not_drift() {
        let mut clock = FacilitationClock::stopped_at(t(0));
        clock.set(t(0), 0, true, Speed(3000));
        assert_eq!(clock.elapsed_at(t(3 * 3600)), 9 * 3600 * 1000);
    }

    #[test]
    fn speed_steps_stay_in_range() {
        assert_eq!(Speed::NORMAL.step(true), Speed(2000));
        assert_eq!(Speed::MAX.step(true), Speed::MAX);
        assert_eq!(Speed::MIN.step(false), Speed::MIN);
        assert_eq!(Speed(500).to_string(), "½×");
    }
}
