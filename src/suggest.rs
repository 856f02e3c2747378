//! "Did you mean ...?" for ids and names.

/// The candidate closest to `wanted`, if any is close enough to be a
/// plausible typo.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wanted, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
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
    }
}
