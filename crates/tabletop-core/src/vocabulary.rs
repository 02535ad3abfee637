//! The standard vocabulary of incident response: the actions scenarios expect
//! and the roles they name. Scenarios use these ids; a plan's own actions and
//! roles either use them too or say which one they implement
//! (`implements = "notify-regulator"`), so any plan that maps its actions can
//! score every scenario. Categories are CSF 2.0 categories, the ones NIST
//! SP 800-61r3 organises incident response by.

use serde::Serialize;

#[derive(Debug, Clone, Copy, Serialize)]
pub struct VocabularyAction {
    pub id: &'static str,
    pub title: &'static str,
    pub definition: &'static str,
    /// CSF 2.0 category: `RS.MA` incident management, `RS.AN` analysis,
    /// `RS.CO` reporting and communication, `RS.MI` mitigation, `RC.RP`
    /// recovery plan execution, `RC.CO` recovery communication, `DE.CM`
    /// continuous monitoring, `PR.DS` data security, `ID.IM` improvement.
    pub category: &'static str,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct VocabularyRole {
    pub id: &'static str,
    pub title: &'static str,
    pub definition: &'static str,
}

const fn act(
    id: &'static str,
    title: &'static str,
    category: &'static str,
    definition: &'static str,
) -> VocabularyAction {
    VocabularyAction {
        id,
        title,
        definition,
        category,
    }
}

const fn person(id: &'static str, title: &'static str, definition: &'static str) -> VocabularyRole {
    VocabularyRole {
        id,
        title,
        definition,
    }
}

#[rustfmt::skip]
pub const ACTIONS: &[VocabularyAction] = &[
    // Detection and analysis.
    act("triage-alert", "Triage the first report", "RS.MA", "Look at the alert or report, decide whether it is an incident, and how urgent."),
    act("declare-incident", "Declare an incident", "RS.MA", "Say formally that an incident is under way, with its severity, so the plan's roles and clocks start."),
    act("open-incident-log", "Open the incident log", "RS.MA", "Start one record of what is known, decided and done, with times, for the response and for regulators later."),
    act("assemble-response-team", "Assemble the response team", "RS.MA", "Call in the people the plan names for this kind of incident and give each their role."),
    act("preserve-evidence", "Preserve evidence", "RS.AN", "Keep logs, images and messages intact, with who handled them, before anything is wiped or restored."),
    act("scope-affected-systems", "Scope the affected systems", "RS.AN", "Establish which systems, accounts and data are involved, and since when."),
    act("assess-breach-risk", "Assess the breach risk", "RS.AN", "Decide whether personal or health data was compromised and what the risk to the people concerned is; this sets the notification duties."),
    act("assess-patient-safety", "Assess patient safety", "RS.AN", "Judge whether the incident puts patients' care at risk, and what clinical measures follow."),
    act("verify-payment-instructions", "Verify payment instructions", "RS.AN", "Confirm a request to pay or change bank details through a channel known before the request."),
    act("notify-executive", "Brief the executives", "RS.CO", "Tell senior management what is happening, what it may cost and what decisions are theirs."),
    // Containment and eradication.
    act("isolate-affected-systems", "Isolate the affected systems", "RS.MI", "Cut the affected systems off so the incident cannot spread, keeping them for the investigation."),
    act("reset-compromised-credentials", "Reset compromised credentials", "RS.MI", "Change the passwords, keys and tokens an attacker may hold, starting with privileged ones."),
    act("reset-customer-credentials", "Reset customers' credentials", "RS.MI", "Force a reset of the customer accounts taken over or at risk, and tell their owners."),
    act("suspend-user-access", "Suspend a user's access", "RS.MI", "Turn off the access of a person whose account or conduct is part of the incident."),
    act("activate-ddos-protection", "Activate denial-of-service protection", "RS.MI", "Turn on the provider's or network's protection against a flood of traffic."),
    act("halt-software-distribution", "Halt software distribution", "RS.MI", "Stop a compromised update or package from reaching more systems."),
    act("recall-fraudulent-payment", "Recall a fraudulent payment", "RS.MI", "Ask the banks at once to stop or return money sent on fraudulent instructions."),
    act("ransom-approval", "Decide on the ransom", "RS.MA", "Take the decision whether to pay or engage with extortionists, by the people and on the advice the plan names."),
    // Help from outside and inside.
    act("engage-forensics", "Engage forensic specialists", "RS.MA", "Bring in the investigators the plan or the insurer names."),
    act("engage-legal", "Engage legal counsel", "RS.MA", "Bring in lawyers early, for privilege, notification duties and contracts."),
    act("engage-vendor", "Engage the vendor", "RS.MA", "Call the supplier whose product or service is involved and agree what each side does."),
    act("involve-hr", "Involve human resources", "RS.MA", "Bring in HR when an employee's conduct or data is part of the incident."),
    act("sanction-workforce-member", "Apply workforce sanctions", "RS.MA", "Apply the organisation's sanctions policy to a member of staff who broke the rules."),
    // Telling people.
    act("notify-regulator", "Notify the regulator", "RS.CO", "Report the incident to the supervisory authority or agency the law names, within its clock."),
    act("notify-individuals", "Notify the people affected", "RS.CO", "Tell the people whose data was compromised what happened and what they can do."),
    act("notify-media", "Notify the media", "RS.CO", "Give the public notice some laws require for large breaches, through prominent media."),
    act("notify-cyber-insurer", "Notify the cyber insurer", "RS.CO", "Give the insurer the notice the policy requires, before costs are incurred."),
    act("report-to-law-enforcement", "Report to law enforcement", "RS.CO", "Report the crime to the police or the national agency that takes such reports."),
    act("prepare-holding-statement", "Prepare a holding statement", "RS.CO", "Agree a short public statement for when questions come, before they come."),
    act("brief-customer-support", "Brief customer support", "RS.CO", "Give the people who answer customers what to say and where to send questions."),
    // Recovery.
    act("verify-backups-offline", "Verify offline backups", "PR.DS", "Check that backups exist out of an attacker's reach and can be restored."),
    act("activate-downtime-procedures", "Activate downtime procedures", "RC.RP", "Switch to the paper or manual ways of working the plan keeps for when systems are down."),
    act("restore-from-backup", "Restore from backup", "RC.RP", "Rebuild the affected systems from known-good backups."),
    act("validate-restored-systems", "Validate restored systems", "RC.RP", "Check that restored systems are clean and work before they go back into use."),
    act("communicate-recovery", "Communicate the recovery", "RC.CO", "Tell customers, staff and partners that service is back and what changed."),
    act("monitor-for-recurrence", "Monitor for recurrence", "DE.CM", "Watch for the attacker's return or for the same weakness being used again."),
    // Improvement.
    act("lessons-learned-review", "Hold the lessons-learned review", "ID.IM", "Review what happened and how the response went, without blame, and agree improvements."),
    act("update-risk-register", "Update the risk register", "ID.IM", "Record the risks the incident revealed and who owns each."),
];

#[rustfmt::skip]
pub const ROLES: &[VocabularyRole] = &[
    person("incident-commander", "Incident commander", "Leads the response: sets priorities, assigns work, owns the big decisions until they go to the executives."),
    person("it-security", "Security lead", "Leads the technical response: investigation, containment and eradication."),
    person("legal", "Legal counsel", "Advises on the law, privilege, contracts and notification duties."),
    person("privacy-officer", "Privacy officer", "The data protection or privacy officer: judges the risk to people's data and owns notifications to regulators and individuals."),
    person("communications", "Communications", "Speaks for the organisation to the media, customers and staff."),
    person("executive", "Executive sponsor", "The senior manager who decides what only the top can decide: money, ransom, public commitments."),
    person("customer-support", "Customer support", "Answers customers and patients and passes on what they report."),
    person("hr", "Human resources", "Handles the employment side: staff involved, sanctions, staff communication."),
    person("finance", "Finance", "Handles payments, banks and the cost of the incident."),
    person("vendor-manager", "Vendor manager", "Owns the relationship with suppliers and their contracts."),
    person("clinical-operations", "Clinical operations", "Keeps patient care going and safe while systems are down."),
];

pub fn action(id: &str) -> Option<&'static VocabularyAction> {
    ACTIONS.iter().find(|a| a.id == id)
}

pub fn role(id: &str) -> Option<&'static VocabularyRole> {
    ROLES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::is_valid_id;

    #[test]
    fn ids_are_unique_plain_and_categorised() {
        let mut seen = std::collections::HashSet::new();
        for a in ACTIONS {
            assert!(is_valid_id(a.id) && seen.insert(a.id), "{}", a.id);
            assert!(
                matches!(&a.category[..3], "RS." | "RC." | "DE." | "PR." | "ID.")
                    && a.category.len() == 5,
                "{}: {}",
                a.id,
                a.category
            );
        }
        for r in ROLES {
            assert!(is_valid_id(r.id) && seen.insert(r.id), "{}", r.id);
        }
    }
}
