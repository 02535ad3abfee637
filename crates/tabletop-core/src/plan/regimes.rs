//! The regulatory and contractual clocks a starter plan can carry. Each
//! clock is a plan action, the trigger its deadline runs from, and the
//! obligation that names the rule. docs/regulatory-clocks.md lists the same
//! clocks with their sources; a test keeps the two in step.

use super::ObligationKind;

/// A regime: its clocks and the triggers they need.
pub struct Regime {
    pub id: &'static str,
    pub name: &'static str,
    /// Who the notices go to, as a placeholder the organisation fills in.
    pub authority: &'static str,
    pub kind: ObligationKind,
    /// Said in the plan about the rule's standing and scope.
    pub note: &'static str,
    pub clocks: &'static [Clock],
}

/// One notice or report with its deadline.
pub struct Clock {
    /// The obligation's id; the action's id is the same with `-done` never
    /// needed: `action` names it.
    pub obligation: &'static str,
    pub action: &'static str,
    pub title: &'static str,
    /// The standard action it carries out, when there is one.
    pub implements: Option<&'static str>,
    pub owner: &'static str,
    pub deadline: &'static str,
    /// The trigger the clock runs from.
    pub from: &'static str,
    pub citation: &'static str,
    /// `us-federal` for business days on the US federal calendar.
    pub calendar: Option<&'static str>,
    /// A target the organisation sets itself where the rule sets none.
    pub internal: bool,
}

/// A trigger a regime's clocks run from, and the plan action that raises it.
pub struct TriggerDef {
    pub id: &'static str,
    pub description: &'static str,
    pub raised_by: &'static [&'static str],
}

pub const TRIGGERS: &[TriggerDef] = &[
    TriggerDef {
        id: "incident-reported",
        description: "Someone reports a possible incident, or an alert fires.",
        raised_by: &[],
    },
    TriggerDef {
        id: "incident-declared",
        description: "The incident commander declares an incident.",
        raised_by: &["declare-incident"],
    },
    TriggerDef {
        id: "breach-confirmed",
        description: "Unauthorised access to systems or data is confirmed.",
        raised_by: &[],
    },
    TriggerDef {
        id: "personal-data-involved",
        description: "The organisation becomes aware that personal data is affected (awareness under GDPR).",
        raised_by: &["assess-breach-risk"],
    },
    TriggerDef {
        id: "phi-involved",
        description: "A breach of unsecured protected health information is discovered.",
        raised_by: &[],
    },
    TriggerDef {
        id: "significant-incident",
        description: "The incident is judged significant under NIS2 (awareness of a significant incident).",
        raised_by: &["declare-incident"],
    },
    TriggerDef {
        id: "major-incident-classified",
        description: "The ICT-related incident is classified as major under DORA.",
        raised_by: &["classify-major-incident"],
    },
    TriggerDef {
        id: "materiality-determined",
        description: "The company determines that the cybersecurity incident is material.",
        raised_by: &["determine-materiality"],
    },
    TriggerDef {
        id: "extortion-payment-made",
        description: "An extortion payment connected to the incident is made.",
        raised_by: &["ransom-approval"],
    },
    TriggerDef {
        id: "regulator-notified",
        description: "The first notification to the authority has been sent.",
        raised_by: &["nis2-incident-notification", "dora-initial-notification"],
    },
    TriggerDef {
        id: "intermediate-report-sent",
        description: "The last intermediate report to the authority has been sent.",
        raised_by: &["dora-intermediate-report"],
    },
    TriggerDef {
        id: "incident-closed",
        description: "The incident is closed.",
        raised_by: &[],
    },
];

const fn clock(
    obligation: &'static str,
    action: &'static str,
    title: &'static str,
    owner: &'static str,
    deadline: &'static str,
    from: &'static str,
    citation: &'static str,
) -> Clock {
    Clock {
        obligation,
        action,
        title,
        implements: Some("notify-regulator"),
        owner,
        deadline,
        from,
        citation,
        calendar: None,
        internal: false,
    }
}

pub const REGIMES: &[Regime] = &[
    Regime {
        id: "gdpr",
        name: "GDPR",
        authority: "REVIEW: your lead supervisory authority",
        kind: ObligationKind::Regulator,
        note: "Regulation (EU) 2016/679. Art. 34 sets no fixed time: the target here is the plan's own.",
        clocks: &[
            clock(
                "gdpr-art-33",
                "notify-supervisory-authority",
                "Notify the supervisory authority of the personal data breach",
                "privacy-officer",
                "72h",
                "personal-data-involved",
                "Regulation (EU) 2016/679, Art. 33(1)",
            ),
            Clock {
                implements: Some("notify-individuals"),
                internal: true,
                ..clock(
                    "gdpr-art-34",
                    "notify-data-subjects",
                    "Tell the people affected when the breach is likely to put them at high risk",
                    "privacy-officer",
                    "5d",
                    "personal-data-involved",
                    "Regulation (EU) 2016/679, Art. 34(1): without undue delay",
                )
            },
        ],
    },
    Regime {
        id: "uk-gdpr",
        name: "UK GDPR",
        authority: "Information Commissioner's Office",
        kind: ObligationKind::Regulator,
        note: "UK GDPR with the Data Protection Act 2018. Art. 34 sets no fixed time: the target here is the plan's own.",
        clocks: &[
            clock(
                "uk-gdpr-art-33",
                "notify-ico",
                "Notify the ICO of the personal data breach",
                "privacy-officer",
                "72h",
                "personal-data-involved",
                "UK GDPR, Art. 33(1)",
            ),
            Clock {
                implements: Some("notify-individuals"),
                internal: true,
                ..clock(
                    "uk-gdpr-art-34",
                    "notify-uk-data-subjects",
                    "Tell the people affected when the breach is likely to put them at high risk",
                    "privacy-officer",
                    "5d",
                    "personal-data-involved",
                    "UK GDPR, Art. 34(1): without undue delay",
                )
            },
        ],
    },
    Regime {
        id: "nis2",
        name: "NIS2",
        authority: "REVIEW: your national CSIRT or competent authority",
        kind: ObligationKind::Regulator,
        note: "Directive (EU) 2022/2555, Art. 23, as your country has transposed it: cite the national law. The final report is due one month after the incident notification (counted here as 30 days).",
        clocks: &[
            clock(
                "nis2-early-warning",
                "nis2-early-warning",
                "Send the early warning of the significant incident",
                "it-security",
                "24h",
                "significant-incident",
                "Directive (EU) 2022/2555, Art. 23(4)(a)",
            ),
            clock(
                "nis2-notification",
                "nis2-incident-notification",
                "Send the incident notification with an initial assessment",
                "it-security",
                "72h",
                "significant-incident",
                "Directive (EU) 2022/2555, Art. 23(4)(b)",
            ),
            clock(
                "nis2-final-report",
                "nis2-final-report",
                "Send the final report on the incident",
                "it-security",
                "30d",
                "regulator-notified",
                "Directive (EU) 2022/2555, Art. 23(4)(d)",
            ),
        ],
    },
    Regime {
        id: "dora",
        name: "DORA",
        authority: "REVIEW: your competent authority under DORA",
        kind: ObligationKind::Regulator,
        note: "Regulation (EU) 2022/2554, Art. 19, with Delegated Regulation (EU) 2025/301 on the time limits; financial entities only. The initial notification is due within 4 hours of classifying the incident as major and at the latest 24 hours after becoming aware of it; the final report one month after the last intermediate report (counted here as 30 days).",
        clocks: &[
            clock(
                "dora-initial-4h",
                "dora-initial-notification",
                "Send the initial notification of the major ICT-related incident",
                "it-security",
                "4h",
                "major-incident-classified",
                "Regulation (EU) 2022/2554, Art. 19(4)(a); Delegated Regulation (EU) 2025/301",
            ),
            clock(
                "dora-initial-24h",
                "dora-initial-notification",
                "Send the initial notification of the major ICT-related incident",
                "it-security",
                "24h",
                "incident-reported",
                "Regulation (EU) 2022/2554, Art. 19(4)(a); Delegated Regulation (EU) 2025/301",
            ),
            clock(
                "dora-intermediate",
                "dora-intermediate-report",
                "Send the intermediate report",
                "it-security",
                "72h",
                "regulator-notified",
                "Regulation (EU) 2022/2554, Art. 19(4)(b); Delegated Regulation (EU) 2025/301",
            ),
            clock(
                "dora-final",
                "dora-final-report",
                "Send the final report",
                "it-security",
                "30d",
                "intermediate-report-sent",
                "Regulation (EU) 2022/2554, Art. 19(4)(c); Delegated Regulation (EU) 2025/301",
            ),
        ],
    },
    Regime {
        id: "sec",
        name: "SEC Form 8-K Item 1.05",
        authority: "U.S. Securities and Exchange Commission (EDGAR)",
        kind: ObligationKind::Regulator,
        note: "Registrants only. Four business days after determining the incident is material, on the US federal holiday calendar (set `date` in the scenario for real weekdays and holidays). The Attorney General can ask for a delay on national-security or public-safety grounds.",
        clocks: &[Clock {
            implements: Some("notify-regulator"),
            calendar: Some("us-federal"),
            ..clock(
                "sec-8k-item-1-05",
                "file-form-8k",
                "File Form 8-K Item 1.05 on the material cybersecurity incident",
                "legal",
                "4 business days",
                "materiality-determined",
                "17 CFR 229.106; Form 8-K, Item 1.05",
            )
        }],
    },
    Regime {
        id: "nydfs",
        name: "NYDFS Part 500",
        authority: "New York State Department of Financial Services",
        kind: ObligationKind::Regulator,
        note: "23 NYCRR 500.17, for covered entities. After an extortion payment: notice within 24 hours and, within 30 days, a written description of why it was necessary, the alternatives considered and the sanctions checks made.",
        clocks: &[
            clock(
                "nydfs-500-17-a",
                "notify-nydfs",
                "Notify the Superintendent of the cybersecurity incident",
                "legal",
                "72h",
                "incident-declared",
                "23 NYCRR 500.17(a)",
            ),
            clock(
                "nydfs-500-17-c-notice",
                "notify-nydfs-extortion-payment",
                "Notify the Superintendent of the extortion payment",
                "legal",
                "24h",
                "extortion-payment-made",
                "23 NYCRR 500.17(c)(1)",
            ),
            clock(
                "nydfs-500-17-c-justification",
                "justify-extortion-payment",
                "Send the written justification of the extortion payment",
                "legal",
                "30d",
                "extortion-payment-made",
                "23 NYCRR 500.17(c)(2)",
            ),
        ],
    },
    Regime {
        id: "hipaa",
        name: "HIPAA Breach Notification Rule",
        authority: "U.S. Department of Health and Human Services, Office for Civil Rights",
        kind: ObligationKind::Regulator,
        note: "45 CFR 164.400-414, for covered entities. Without unreasonable delay and no later than 60 days after discovery. HHS is told within the same 60 days when 500 or more people are affected; smaller breaches go in a yearly log, due 60 days after the end of the calendar year. Media notice when more than 500 residents of a State or jurisdiction are affected.",
        clocks: &[
            Clock {
                implements: Some("notify-individuals"),
                ..clock(
                    "hipaa-individuals",
                    "notify-patients",
                    "Notify the individuals whose information was breached",
                    "privacy-officer",
                    "60d",
                    "phi-involved",
                    "45 CFR 164.404(b)",
                )
            },
            clock(
                "hipaa-hhs",
                "notify-hhs",
                "Notify HHS of the breach (500 or more people)",
                "privacy-officer",
                "60d",
                "phi-involved",
                "45 CFR 164.408(b)",
            ),
            Clock {
                implements: Some("notify-media"),
                ..clock(
                    "hipaa-media",
                    "notify-state-media",
                    "Notify prominent media outlets (more than 500 residents of a State)",
                    "communications",
                    "60d",
                    "phi-involved",
                    "45 CFR 164.406(b)",
                )
            },
        ],
    },
    Regime {
        id: "pci-dss",
        name: "PCI DSS",
        authority: "REVIEW: your acquiring bank and the card brands",
        kind: ObligationKind::Contract,
        note: "A contract, not a regulator: the merchant or service-provider agreement and each card brand's rules set the notice. PCI DSS v4.0 Requirement 12.10 asks for the incident response plan that includes it. REVIEW the time your agreement sets.",
        clocks: &[Clock {
            implements: None,
            ..clock(
                "pci-brand-notice",
                "notify-card-brands",
                "Notify the acquirer and card brands of the suspected compromise of cardholder data",
                "legal",
                "24h",
                "breach-confirmed",
                "PCI DSS v4.0, Requirement 12.10.1; your acquirer agreement",
            )
        }],
    },
    Regime {
        id: "cyber-insurance",
        name: "Cyber insurance",
        authority: "REVIEW: your insurer and its breach hotline",
        kind: ObligationKind::Contract,
        note: "The policy's notice condition: late notice can put cover at risk. REVIEW the time your policy sets.",
        clocks: &[Clock {
            implements: Some("notify-cyber-insurer"),
            ..clock(
                "cyber-insurance-notice",
                "notify-cyber-insurer",
                "Give the insurer notice of the incident",
                "legal",
                "24h",
                "breach-confirmed",
                "REVIEW: the policy's notice condition",
            )
        }],
    },
];

pub fn regime(id: &str) -> Option<&'static Regime> {
    REGIMES.iter().find(|r| r.id == id)
}
