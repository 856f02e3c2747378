//! "Did you mean ...?" for ids and names.

/// The candidate closest to `wanted`, if any is close enough to be a
/// plausible typo: at most one edit in three characters (at least one).
/// Ties go to the more similar start, then to the first in sorted order.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.to_lowercase();
    let len = wanted.chars().count();
    let limit = (len / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|c| {
            let lower = c.to_lowercase();
            // The distance is at least the difference in length: most
            // candidates are ruled out without computing it (a thousand
            // unknown references among a thousand ids were quadratic).
            if lower.chars().count().abs_diff(len) > limit {
                return None;
            }
            let distance = strsim::damerau_levenshtein(&wanted, &lower);
            (distance <= limit).then(|| (distance, strsim::jaro_winkler(&wanted, &lower), c))
        })
        .min_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(b.2)))
        .map(|(_, _, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn suggests_near_misses_only() {
        let ids = ["aicheng", "alibaba", "alibaba-cto"];
        assert_eq!(closest("aichen", ids), Some("aicheng"));
        assert_eq!(closest("alibaba-cfo", ids), Some("alibaba-cto"));
        assert_eq!(closest("zzzz", ids), None);
        assert_eq!(closest("cdo", ["ceo", "cto"]), Some("ceo"));
        assert_eq!(closest("nmae", ["id", "name"]), Some("name"));
    }
}
