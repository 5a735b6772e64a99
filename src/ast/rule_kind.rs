//! The kinds of rule and rule ids: how a rule is named (`category 1`, `referral
//! civil_affairs`) and which list of the decision record it is in.

/// The kinds of rule; each kind is one list of the decision record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleKind {
    /// Eligibility categories (一（一）–（七）).
    Category,
    /// Exit clauses.
    Exit,
    /// Aid tiers.
    Tier,
    /// Workflow deadlines.
    Deadline,
    /// Service obligations.
    Obligation,
    /// Subsidy entitlements.
    Entitlement,
    /// Referrals to other departments.
    Referral,
    /// Limits such as the number of placements.
    Limit,
    /// Checks that raise a diagnostic when they hold.
    Check,
}

impl RuleKind {
    /// All kinds, in the order they appear in the decision record.
    pub const ALL: [RuleKind; 9] = [
        RuleKind::Category,
        RuleKind::Tier,
        RuleKind::Exit,
        RuleKind::Deadline,
        RuleKind::Obligation,
        RuleKind::Entitlement,
        RuleKind::Referral,
        RuleKind::Limit,
        RuleKind::Check,
    ];

    /// The kind's place in [`RuleKind::ALL`] (to index a table of the kinds).
    pub fn place(self) -> usize {
        RuleKind::ALL.iter().position(|k| *k == self).unwrap_or(0)
    }

    /// The keyword, as written in policy files.
    pub fn keyword(self) -> &'static str {
        match self {
            RuleKind::Category => "category",
            RuleKind::Exit => "exit",
            RuleKind::Tier => "tier",
            RuleKind::Deadline => "deadline",
            RuleKind::Obligation => "obligation",
            RuleKind::Entitlement => "entitlement",
            RuleKind::Referral => "referral",
            RuleKind::Limit => "limit",
            RuleKind::Check => "check",
        }
    }

    /// The key of the decision record that lists the rules of this kind that hold.
    pub fn record_key(self) -> &'static str {
        match self {
            RuleKind::Category => "categories",
            RuleKind::Exit => "exits",
            RuleKind::Tier => "tier",
            RuleKind::Deadline => "deadlines",
            RuleKind::Obligation => "obligations",
            RuleKind::Entitlement => "entitlements",
            RuleKind::Referral => "referrals",
            RuleKind::Limit => "limits",
            RuleKind::Check => "checks",
        }
    }

    /// The key that names a rule in a yielded object of the decision record
    /// (`{"step": "investigate", ...}`).
    pub fn id_key(self) -> &'static str {
        match self {
            RuleKind::Deadline => "step",
            _ => "id",
        }
    }

    /// The kind for a keyword.
    pub fn from_keyword(word: &str) -> Option<RuleKind> {
        RuleKind::ALL.into_iter().find(|k| k.keyword() == word)
    }
}

/// A rule id: a number (`category 1`) or a name (`referral civil_affairs`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RuleId {
    /// A number.
    Number(u32),
    /// A name.
    Name(String),
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RuleId::Number(n) => write!(f, "{n}"),
            RuleId::Name(s) => f.write_str(s),
        }
    }
}
