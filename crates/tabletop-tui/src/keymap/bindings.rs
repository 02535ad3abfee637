//! Every key binding of every screen and dialog, in one table, section by
//! section. The handlers, the help screen, the status bar and the config file
//! all read it; the order within a section is the help screen's order.

use ratatui::crossterm::event::KeyCode;

use super::key::Key;

/// Where a binding applies: a screen, a mode of one, or a dialog over it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// Everywhere, before anything else sees the key.
    Global,
    Start,
    Setup,
    Console,
    /// The console once the exercise has ended.
    Ended,
    Review,
    /// The review's plan view.
    Plan,
    Compare,
    /// `tabletop present`, the room's window.
    Present,
    /// The console's seats screen: links, codes, who is connected.
    Seats,
    Help,
    Confirm,
    Editor,
    Picker,
    Search,
    Annotate,
}

impl Section {
    pub const ALL: [Self; 16] = [
        Self::Global,
        Self::Start,
        Self::Setup,
        Self::Console,
        Self::Ended,
        Self::Review,
        Self::Plan,
        Self::Compare,
        Self::Present,
        Self::Seats,
        Self::Help,
        Self::Confirm,
        Self::Editor,
        Self::Picker,
        Self::Search,
        Self::Annotate,
    ];

    /// The table a config file patches it with: `[keys.review]`. The
    /// console's bindings sit directly under `[keys]`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Global => "global",
            Self::Start => "start",
            Self::Setup => "setup",
            Self::Console => "console",
            Self::Ended => "end",
            Self::Review => "review",
            Self::Plan => "plan",
            Self::Compare => "compare",
            Self::Present => "present",
            Self::Seats => "seats",
            Self::Help => "help",
            Self::Confirm => "confirm",
            Self::Editor => "editor",
            Self::Picker => "picker",
            Self::Search => "search",
            Self::Annotate => "annotate",
        }
    }
}

/// What a key asks for. One enum for every screen: a section decides which
/// of them a key can mean there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// Leave at once (Ctrl-C).
    Interrupt,
    // Moving about, shared by lists and scrolled text.
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    FocusNext,
    Choose,
    Back,
    Help,
    Quit,
    // The console.
    TogglePause,
    DeliverNext,
    Faster,
    Slower,
    JumpStory,
    JumpClock,
    ChooseOption(usize),
    ReopenDecision,
    CycleRole,
    Respond,
    Tick,
    Untick,
    /// Take back the most recent tick, response or note.
    Undo,
    /// Correct the latest response to the inject on screen.
    Correct,
    /// In a narrow window, show the next side pane under the inject.
    NextPane,
    /// One more minute on the open decision's countdown.
    ExtendCountdown,
    /// Stop the open decision's countdown.
    HoldCountdown,
    Note,
    DrawWildcard,
    Presenter,
    /// The seats screen: each seat's link and code, and who is connected.
    Seats,
    /// Sign the ended exercise's transcript with the facilitator's SSH key.
    Sign,
    /// The start screen's preview: the scenario, or the plan it is scored against.
    ShowPlan,
    Earlier,
    Later,
    End,
    WriteReport,
    /// The decisions with every option's reason (the end screen's second page).
    HotWash,
    /// Show the hot wash to the room, or hide it again.
    Reveal,
    // The setup form.
    PreviousPlan,
    NextPlan,
    ToggleAnonymous,
    // The review.
    PreviousInject,
    NextInject,
    NextGap,
    PreviousGap,
    Search,
    NextMatch,
    PreviousMatch,
    FilterRole,
    FilterKind,
    FilterPhase,
    ClearFilters,
    DetailDown,
    DetailUp,
    Annotate,
    DeleteAnnotation,
    PlanView,
    // Dialogs.
    Yes,
    Save,
    OtherRole,
    ChangeKind,
    Cancel,
}

/// A default binding: where it applies, the name a config file uses for it,
/// its keys, what it does.
pub struct Binding {
    pub section: Section,
    pub name: &'static str,
    pub keys: &'static [Key],
    pub action: Action,
    pub description: &'static str,
    /// Shown instead of the keys where one binding stands for many (`1-9`).
    pub label: Option<&'static str>,
}

const fn bind(
    section: Section,
    name: &'static str,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
) -> Binding {
    Binding {
        section,
        name,
        keys,
        action,
        description,
        label: None,
    }
}

const fn c(ch: char) -> Key {
    Key::char(ch)
}

const fn k(code: KeyCode) -> Key {
    Key::code(code)
}

use Action as A;
use KeyCode::{Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up};
use Section as S;

#[rustfmt::skip]
pub const BINDINGS: &[Binding] = &[
    bind(S::Global, "interrupt", &[Key::ctrl('c')], A::Interrupt, "leave at once"),
    // The start screen.
    bind(S::Start, "up", &[k(Up), c('k')], A::Up, "previous scenario or saved exercise"),
    bind(S::Start, "down", &[k(Down), c('j')], A::Down, "next scenario or saved exercise"),
    bind(S::Start, "pane", &[k(Tab)], A::FocusNext, "between scenarios and saved exercises"),
    bind(S::Start, "choose", &[k(Enter)], A::Choose, "set up the scenario, resume or review the exercise"),
    bind(S::Start, "plan", &[c('p')], A::ShowPlan, "preview the plan the scenario is scored against (roles, action ids, deadlines), and back"),
    bind(S::Start, "page-up", &[k(PageUp)], A::PageUp, "scroll the preview up"),
    bind(S::Start, "page-down", &[k(PageDown)], A::PageDown, "scroll the preview down"),
    bind(S::Start, "quit", &[c('q'), k(Esc)], A::Quit, "leave"),
    // The setup form. Other keys type names and the seed.
    bind(S::Setup, "up", &[k(Up), k(KeyCode::BackTab)], A::Up, "previous field"),
    bind(S::Setup, "down", &[k(Down), k(Tab)], A::Down, "next field"),
    bind(S::Setup, "previous-plan", &[k(Left)], A::PreviousPlan, "previous plan, on the plan field"),
    bind(S::Setup, "next-plan", &[k(Right)], A::NextPlan, "next plan, on the plan field"),
    bind(S::Setup, "anonymous", &[c(' ')], A::ToggleAnonymous, "run anonymously or not, on that field"),
    bind(S::Setup, "choose", &[k(Enter)], A::Choose, "next field; on Start, begin"),
    bind(S::Setup, "back", &[k(Esc)], A::Back, "back to the scenarios"),
    // The console, in the help screen's order.
    bind(S::Console, "pause", &[c(' ')], A::TogglePause, "start, pause or resume the exercise clock"),
    bind(S::Console, "next", &[c('n')], A::DeliverNext, "deliver the next inject now (asks first if a decision is open)"),
    bind(S::Console, "faster", &[c('+'), c('=')], A::Faster, "speed the clock up"),
    bind(S::Console, "slower", &[c('-')], A::Slower, "slow the clock down"),
    bind(S::Console, "jump-story", &[c('T')], A::JumpStory, "jump story time forward one hour (asks first)"),
    bind(S::Console, "jump-clock", &[c('C')], A::JumpClock, "jump the exercise clock forward five minutes (asks first)"),
    Binding { label: Some("1-9"), ..bind(S::Console, "option", &[], A::ChooseOption(0), "choose a decision option, then confirm (or click it)") },
    bind(S::Console, "choose", &[k(Enter)], A::Choose, "with the decision in focus (Tab): choose the option under the cursor, then confirm"),
    bind(S::Console, "more-time", &[c('m')], A::ExtendCountdown, "one more minute on the decision's countdown"),
    bind(S::Console, "hold", &[c('h')], A::HoldCountdown, "stop the decision's countdown: the decision waits for the team"),
    bind(S::Console, "reopen", &[c('R')], A::ReopenDecision, "open the decision of the inject on screen again"),
    bind(S::Console, "role", &[c('a')], A::CycleRole, "change the role answering"),
    bind(S::Console, "respond", &[c('r')], A::Respond, "write the team's response (Ctrl-S records, Esc cancels)"),
    bind(S::Console, "tick", &[c('x')], A::Tick, "tick the selected expected action, then pick who did it"),
    bind(S::Console, "undo", &[c('u')], A::Undo, "undo: take back the latest tick, response or note (asks first)"),
    bind(S::Console, "untick", &[c('X')], A::Untick, "take back the tick of the selected action"),
    bind(S::Console, "correct", &[c('e')], A::Correct, "correct the latest response to the inject on screen"),
    bind(S::Console, "note", &[c('o')], A::Note, "add a facilitator note"),
    bind(S::Console, "wildcard", &[c('d')], A::DrawWildcard, "draw a wildcard card now"),
    bind(S::Console, "presenter", &[c('p')], A::Presenter, "presenter view for the projector, and back"),
    bind(S::Console, "seats", &[c('s')], A::Seats, "seats (with --seats): each seat's link and QR code, who is connected, and the votes"),
    bind(S::Console, "pane", &[c('v')], A::NextPane, "narrow window: show the checklist, timeline, notes or tally under the inject"),
    bind(S::Console, "focus", &[k(Tab)], A::FocusNext, "move between the inject, the open decision and the checklist"),
    bind(S::Console, "up", &[k(Up), c('k')], A::Up, "scroll up, or move up the checklist"),
    bind(S::Console, "down", &[k(Down), c('j')], A::Down, "scroll down, or move down the checklist"),
    bind(S::Console, "page-up", &[k(PageUp)], A::PageUp, "scroll up a page"),
    bind(S::Console, "page-down", &[k(PageDown)], A::PageDown, "scroll down a page"),
    bind(S::Console, "earlier", &[c('[')], A::Earlier, "look back at the inject before"),
    bind(S::Console, "later", &[c(']')], A::Later, "forward again, back to the latest"),
    bind(S::Console, "help", &[c('?')], A::Help, "show or hide this help"),
    bind(S::Console, "quit", &[c('q'), k(Esc)], A::Quit, "leave (asks first; continue later with `tabletop resume`)"),
    bind(S::Console, "end", &[c('E')], A::End, "end the exercise (asks first)"),
    // The console's end screen.
    bind(S::Ended, "report", &[c('r')], A::WriteReport, "write the after-action report next to the transcript"),
    bind(S::Ended, "hot-wash", &[c('w')], A::HotWash, "hot wash: each decision, the option chosen and why each option was good or bad"),
    bind(S::Ended, "reveal", &[c('p')], A::Reveal, "show the hot wash to the room (presenter view), and back"),
    bind(S::Ended, "sign", &[c('g')], A::Sign, "sign the transcript with your SSH key (~/.ssh/id_ed25519): any later change fails `tabletop verify --signer`"),
    bind(S::Ended, "seats", &[c('s')], A::Seats, "seats (with --seats): the links, now open for the participants' feedback"),
    bind(S::Ended, "down", &[k(Down), c('j')], A::Down, "scroll down"),
    bind(S::Ended, "up", &[k(Up), c('k')], A::Up, "scroll up"),
    bind(S::Ended, "quit", &[c('q'), k(Esc), k(Enter)], A::Quit, "leave"),
    // The review's timeline.
    bind(S::Review, "down", &[k(Down), c('j')], A::Down, "next event"),
    bind(S::Review, "up", &[k(Up), c('k')], A::Up, "previous event"),
    bind(S::Review, "page-down", &[k(PageDown)], A::PageDown, "ten events on"),
    bind(S::Review, "page-up", &[k(PageUp)], A::PageUp, "ten events back"),
    bind(S::Review, "first", &[k(Home), c('g')], A::First, "first event"),
    bind(S::Review, "last", &[k(End), c('G')], A::Last, "last event"),
    bind(S::Review, "previous-inject", &[c('[')], A::PreviousInject, "previous inject"),
    bind(S::Review, "next-inject", &[c(']')], A::NextInject, "next inject"),
    bind(S::Review, "next-gap", &[c('m')], A::NextGap, "next event behind a missed, late or other-role action"),
    bind(S::Review, "previous-gap", &[c('M')], A::PreviousGap, "previous event behind a gap"),
    bind(S::Review, "search", &[c('/')], A::Search, "search the text"),
    bind(S::Review, "next-match", &[c('n')], A::NextMatch, "next match, wrapping round"),
    bind(S::Review, "previous-match", &[c('N')], A::PreviousMatch, "previous match"),
    bind(S::Review, "role", &[c('r')], A::FilterRole, "filter by role (again for the next role, then none)"),
    bind(S::Review, "phase", &[c('h')], A::FilterPhase, "filter by plan phase"),
    bind(S::Review, "type", &[c('t')], A::FilterKind, "filter by kind of event"),
    bind(S::Review, "clear", &[c('c')], A::ClearFilters, "clear the filters"),
    bind(S::Review, "details-down", &[c('J')], A::DetailDown, "scroll the event details down"),
    bind(S::Review, "details-up", &[c('K')], A::DetailUp, "scroll the event details up"),
    bind(S::Review, "annotate", &[c('a')], A::Annotate, "annotate the event: strength, area for improvement or note"),
    bind(S::Review, "delete", &[c('d')], A::DeleteAnnotation, "delete the last annotation on the event"),
    bind(S::Review, "plan", &[c('p')], A::PlanView, "plan view: every plan action with its outcome"),
    bind(S::Review, "help", &[c('?')], A::Help, "show or hide this help"),
    bind(S::Review, "quit", &[c('q'), k(Esc)], A::Quit, "leave (annotations are already saved)"),
    // The review's plan view.
    bind(S::Plan, "down", &[k(Down), c('j')], A::Down, "next plan action"),
    bind(S::Plan, "up", &[k(Up), c('k')], A::Up, "previous plan action"),
    bind(S::Plan, "choose", &[k(Enter)], A::Choose, "the events behind the action"),
    bind(S::Plan, "back", &[c('p'), k(Esc)], A::Back, "back to the timeline"),
    bind(S::Plan, "help", &[c('?')], A::Help, "show or hide this help"),
    bind(S::Plan, "quit", &[c('q')], A::Quit, "leave"),
    // Two runs compared.
    bind(S::Compare, "down", &[k(Down), c('j')], A::Down, "scroll down"),
    bind(S::Compare, "up", &[k(Up), c('k')], A::Up, "scroll up"),
    bind(S::Compare, "page-down", &[k(PageDown)], A::PageDown, "scroll down a page"),
    bind(S::Compare, "page-up", &[k(PageUp)], A::PageUp, "scroll up a page"),
    bind(S::Compare, "first", &[c('g'), k(Home)], A::First, "back to the top"),
    bind(S::Compare, "quit", &[c('q'), k(Esc)], A::Quit, "leave"),
    bind(S::Present, "down", &[k(Down), c('j')], A::Down, "scroll the inject down"),
    bind(S::Present, "up", &[k(Up), c('k')], A::Up, "scroll the inject up"),
    bind(S::Present, "page-down", &[k(PageDown)], A::PageDown, "scroll down a page"),
    bind(S::Present, "page-up", &[k(PageUp)], A::PageUp, "scroll up a page"),
    bind(S::Present, "reveal", &[c('w')], A::Reveal, "after the end: show the hot wash (decisions and reasons), and hide it"),
    bind(S::Present, "quit", &[c('q'), k(Esc)], A::Quit, "close this window (the exercise goes on)"),
    bind(S::Seats, "down", &[k(Down), c('j')], A::Down, "next seat"),
    bind(S::Seats, "up", &[k(Up), c('k')], A::Up, "previous seat"),
    bind(S::Seats, "back", &[c('s'), k(Esc)], A::Back, "back to the console"),
    // Dialogs.
    bind(S::Help, "close", &[c('?'), k(Esc), c('q')], A::Back, "close the help"),
    bind(S::Help, "down", &[k(Down), c('j'), k(PageDown)], A::Down, "scroll the help down, when it does not all fit"),
    bind(S::Help, "up", &[k(Up), c('k'), k(PageUp)], A::Up, "scroll the help up"),
    bind(S::Confirm, "yes", &[c('y'), c('Y'), k(Enter)], A::Yes, "yes; any other key is no"),
    bind(S::Editor, "save", &[Key::ctrl('s')], A::Save, "record the text"),
    bind(S::Editor, "role", &[Key::ctrl('r')], A::OtherRole, "the next role answers"),
    bind(S::Editor, "cancel", &[k(Esc)], A::Cancel, "close without recording"),
    bind(S::Picker, "up", &[k(Up)], A::Up, "previous role"),
    bind(S::Picker, "down", &[k(Down)], A::Down, "next role"),
    Binding { label: Some("1-9"), ..bind(S::Picker, "option", &[], A::ChooseOption(0), "that role did it") },
    bind(S::Picker, "choose", &[k(Enter)], A::Choose, "the selected role did it"),
    bind(S::Picker, "cancel", &[k(Esc)], A::Cancel, "tick nothing"),
    bind(S::Search, "find", &[k(Enter)], A::Choose, "find the words"),
    bind(S::Search, "cancel", &[k(Esc)], A::Cancel, "close the search"),
    bind(S::Annotate, "save", &[Key::ctrl('s')], A::Save, "save the annotation"),
    bind(S::Annotate, "kind", &[k(Tab)], A::ChangeKind, "note, strength or area for improvement"),
    bind(S::Annotate, "cancel", &[k(Esc)], A::Cancel, "close; with text typed, press twice to discard it"),
];
