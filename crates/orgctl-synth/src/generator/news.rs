//! The `news` shape: a newsroom's record of a company of tens to hundreds
//! of people. Most events are attributes of people as reports give them
//! (`set`); titles are long, sources are URLs with a quote, and dates are
//! as imprecise as the news: months, approximate years, uncertain days
//! and windows between two reports.

use super::Gen;
use super::text::Ev;
use crate::model::{When, days_in_month};

impl Gen {
    /// The share of events that are an attribute of a person: the others
    /// change the organisation at twice the default shape's rate per
    /// person (a newsroom follows its few people closely).
    pub(super) fn news_attributes(&self) -> f64 {
        (1.0 - 2.0 * self.org_people as f64 / self.p.people as f64).clamp(0.5, 0.99)
    }
}

/// The attributes a newsroom records of people, with the values they take.
const KEYS: &[(&str, &[&str])] = &[
    (
        "based-in",
        &[
            "Hangzhou",
            "Beijing",
            "Shanghai",
            "Singapore",
            "Hong Kong",
            "London",
            "New York",
            "Seattle",
        ],
    ),
    ("board-seats", &["1", "2", "3", "4", "5", "6"]),
    (
        "education",
        &[
            "Zhejiang University",
            "Stanford University",
            "MIT",
            "INSEAD",
            "Tsinghua University",
            "Harvard Business School",
        ],
    ),
    (
        "shareholding",
        &["0.1%", "0.4%", "1.2%", "2.5%", "4.0%", "7.8%"],
    ),
    (
        "compensation",
        &[
            "US$1.2 million",
            "US$3.5 million",
            "US$8 million",
            "US$14.7 million",
            "undisclosed",
        ],
    ),
    (
        "previous-employer",
        &[
            "Goldman Sachs",
            "McKinsey",
            "Microsoft",
            "Baidu",
            "Tencent",
            "Morgan Stanley",
            "a state bank",
        ],
    ),
    (
        "status",
        &[
            "active",
            "on leave",
            "under investigation",
            "retired",
            "returned",
        ],
    ),
    (
        "committee",
        &["audit", "remuneration", "strategy", "risk", "nomination"],
    ),
    (
        "described-as",
        &[
            "a founding partner",
            "a close ally of the chairman",
            "a technocrat",
            "a rising star",
            "a veteran of the payments business",
        ],
    ),
    (
        "net-worth",
        &[
            "US$250 million",
            "US$1.1 billion",
            "US$2.4 billion",
            "US$6 billion",
        ],
    ),
    ("age", &["41", "46", "49", "52", "55", "58", "61"]),
    ("spokesperson", &["yes", "no"]),
];

const OUTLETS: &[&str] = &[
    "www.scmp.com/tech/big-tech/article",
    "www.reuters.com/business",
    "www.ft.com/content",
    "www.bloomberg.com/news/articles",
    "www.caixinglobal.com",
    "asia.nikkei.com/Business",
];

const WHO: &[&str] = &[
    "a person familiar with the matter",
    "a company spokesperson",
    "two people briefed on the decision",
    "an internal memo seen by the newspaper",
    "the company's filing with the Hong Kong stock exchange",
];

const QUOTES: &[&str] = &[
    "The change reflects the group's focus on its core businesses and the need to move faster",
    "We do not comment on personnel matters, but the team remains fully committed to its customers",
    "It is part of a broader effort to give each business more autonomy over its own profit and loss",
    "The appointment was approved by the board after a months-long search that considered outside candidates",
    "Nothing has been decided yet and discussions are continuing, according to the people",
];

const TAILS: &[&str] = &[
    "according to people familiar with the matter, who asked not to be named because the discussions are private",
    "the company said in a statement to the stock exchange late on Friday, without giving a reason",
    "in the latest reshuffle at the top of the group as it prepares to list several of its businesses",
    "an internal memo seen by reporters shows, weeks after the restructuring was first announced",
    "two people briefed on the matter said, adding that the decision could still change before it takes effect",
];

impl Gen {
    /// The dates of a month's `n` events, in the order they apply: those
    /// that count from the first of the month (a month, qualified or not,
    /// or a window from the last day of the month before) first, then
    /// days, exact or uncertain, in order.
    pub(super) fn news_dates(&mut self, y: i32, m: u32, n: usize) -> Vec<When> {
        let mut firsts = Vec::new();
        let mut days = Vec::new();
        let days_in = days_in_month(y, m) as usize;
        for _ in 0..n {
            let d = self.rng.range(1, days_in) as u32;
            match self.rng.below(20) {
                0..=2 => firsts.push(When::Month(y, m, self.qualifier())),
                3..=4 => firsts.push(When::BareMonth(y, m)),
                5..=6 => firsts.push(When::Window(y, m, self.rng.range(1, 3) as u32)),
                7..=9 => days.push((d, Some(self.qualifier()))),
                _ => days.push((d, None)),
            }
        }
        days.sort_by_key(|&(d, _)| d);
        firsts.extend(days.into_iter().map(|(d, q)| match q {
            Some(q) => When::UncertainDay(y, m, d, q),
            None => When::Day(y, m, d),
        }));
        firsts
    }

    fn qualifier(&mut self) -> char {
        if self.rng.chance(0.6) { '~' } else { '?' }
    }

    /// An attribute of a person holding a role, as a report gives it. One
    /// in six is dated by its year only (`"2023~"`): an attribute of a
    /// person can be set on any day, so its place in the year's order
    /// never makes the history invalid.
    pub(super) fn news_attribute(&mut self, when: &When) -> Option<(When, Ev)> {
        let p = self.active.pick(&mut self.rng)?;
        let (key, values) = *self.rng.pick(KEYS);
        let value = *self.rng.pick(values);
        let mut ev = Ev {
            title: format!(
                "{}'s {} given as {value}",
                self.people[p].name,
                key.replace('-', " ")
            ),
            ..Ev::default()
        };
        ev.change(format!(
            "{{ op = \"set\", person = \"{}\", key = \"{key}\", value = \"{value}\" }}",
            self.pkey(p)
        ));
        let when = match *when {
            When::Day(y, ..) | When::Month(y, ..) | When::UncertainDay(y, ..)
                if self.rng.chance(1.0 / 6.0) =>
            {
                When::Year(y, self.qualifier())
            }
            when => when,
        };
        Some((when, ev))
    }

    /// A news title: the event's, and how it became known.
    pub(super) fn news_title(&mut self, title: &str) -> String {
        format!("{title}, {}", self.rng.pick(TAILS))
    }

    /// One to three sources: an article's URL, who it quotes, and the quote.
    pub(super) fn news_sources(&mut self, when: &When, title: &str) -> Vec<String> {
        let slug: String = title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(9)
            .map(str::to_ascii_lowercase)
            .collect::<Vec<_>>()
            .join("-");
        let label = when.month_label().replace('-', "/");
        (0..self.rng.range(1, 3))
            .map(|_| {
                let outlet = *self.rng.pick(OUTLETS);
                let n = self.rng.range(3_000_000, 3_999_999);
                let who = *self.rng.pick(WHO);
                let quote = *self.rng.pick(QUOTES);
                format!("https://{outlet}/{label}/{n}/{slug}, quoting {who}: \\\"{quote}\\\"")
            })
            .collect()
    }
}
