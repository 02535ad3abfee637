//! Colours with meaning, readable on light and dark terminals; none at all
//! when NO_COLOR is set.

use ratatui::style::{Color, Modifier, Style};
use tabletop_core::annotations::AnnotationKind;
use tabletop_core::scoring::{Rating, Tone};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    colour: bool,
    pub accent: Color,
    pub good: Color,
    pub warn: Color,
    pub bad: Color,
}

impl Default for Theme {
    fn default() -> Self {
        Self {
            colour: true,
            accent: Color::Cyan,
            good: Color::Green,
            warn: Color::Yellow,
            bad: Color::Red,
        }
    }
}

impl Theme {
    pub fn from_env() -> Self {
        Self {
            colour: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
            ..Self::default()
        }
    }

    /// No colours: for text written to a file or a pipe, and for tests.
    pub fn plain() -> Self {
        Self {
            colour: false,
            ..Self::default()
        }
    }

    #[cfg(test)]
    pub fn coloured() -> Self {
        Self::default()
    }

    fn fg(&self, colour: Color) -> Style {
        if self.colour {
            Style::new().fg(colour)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn dim(&self) -> Style {
        if self.colour {
            Style::new().add_modifier(Modifier::DIM)
        } else {
            Style::new()
        }
    }

    pub fn accent(&self) -> Style {
        self.fg(self.accent).add_modifier(Modifier::BOLD)
    }

    pub fn good(&self) -> Style {
        self.fg(self.good)
    }

    pub fn warn(&self) -> Style {
        self.fg(self.warn).add_modifier(Modifier::BOLD)
    }

    pub fn bad(&self) -> Style {
        self.fg(self.bad).add_modifier(Modifier::BOLD)
    }

    /// How a verdict's tone looks in the terminal; the domain decides the tone.
    pub fn tone(&self, tone: Tone) -> Style {
        match tone {
            Tone::Pass => self.good(),
            Tone::Partial => self.warn(),
            Tone::Fail => self.bad(),
            Tone::Muted => self.dim(),
        }
    }

    /// An HSEEP rating's colour: P good, S accent, M warning, U bad.
    pub fn rating(&self, rating: Rating) -> Style {
        match rating {
            Rating::P => self.good(),
            Rating::S => self.accent(),
            Rating::M => self.warn(),
            Rating::U => self.bad(),
            Rating::NotExercised => self.dim(),
        }
    }

    /// A trainer's annotation by kind: strengths good, areas for
    /// improvement a warning, notes the accent.
    pub fn annotation(&self, kind: AnnotationKind) -> Style {
        match kind {
            AnnotationKind::Strength => self.good(),
            AnnotationKind::Improvement => self.warn(),
            AnnotationKind::Note => self.accent(),
        }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// The countdown changes colour as it runs out: green, then yellow under
    /// half, then red under a fifth.
    pub fn countdown(&self, left_ms: i64, total_ms: i64) -> Style {
        if left_ms * 5 <= total_ms {
            self.bad()
        } else if left_ms * 2 <= total_ms {
            self.warn()
        } else {
            self.good()
        }
    }
}
