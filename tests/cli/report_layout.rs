//! `orgctl report --html` on a phone, and without colour: in headless
//! Chromium, the page at 390 CSS pixels wide (a phone held upright) and at
//! 1280 scrolls only up and down, its trees scrolling inside their pane
//! when wider; and the marks of an event's changes differ by the shape of
//! their border as well as by colour and letter.

use std::path::Path;

use crate::report_page::page_file;
use crate::report_scope::alibaba;
use crate::support::{Org, acme_held_by, generated_history, have_chromium, measure_in_frame};

/// How wide the document is against its viewport: "SCROLL VIEWPORT".
const WIDTHS: &str =
    "document.documentElement.scrollWidth + ' ' + document.documentElement.clientWidth";

/// Asserts that the report of `data` on `day` is no wider than the
/// viewport at a phone's width and a laptop's.
fn fits_the_width(data: &Path, day: &str) {
    let (_dir, file) = page_file(data, &[]);
    for size in [(390, 844), (1280, 800)] {
        let measured = measure_in_frame(&file, &format!("day={day}"), size, WIDTHS);
        let (scroll, viewport) = measured.split_once(' ').unwrap();
        let (scroll, viewport): (u32, u32) = (scroll.parse().unwrap(), viewport.parse().unwrap());
        assert!(
            viewport > size.0 - 30 && viewport <= size.0,
            "{size:?}: {measured}"
        );
        assert!(
            scroll <= viewport,
            "{size:?} on {day}: the page is {scroll} px wide in {viewport}"
        );
    }
}

#[test]
fn in_a_browser_the_alibaba_page_scrolls_only_down_at_a_phones_width() {
    if !have_chromium("report_layout") {
        return;
    }
    fits_the_width(&alibaba(), "2023-05-10");
}

#[test]
fn in_a_browser_a_long_address_among_the_sources_is_wrapped_not_scrolled() {
    if !have_chromium("report_layout") {
        return;
    }
    let address = format!("https://example.com/{}", "averylongpathsegment_".repeat(8));
    let event = format!(
        r#"
[[event]]
id = "renamed"
date = "2023-03-01"
title = "Engineering becomes Platform"
sources = ["{address}"]
changes = [{{ op = "rename", unit = "eng", name = "Platform" }}]
"#
    );
    let org = Org::with(&format!("{}\n{event}", acme_held_by(&["ann", "bob", "cy"])));
    fits_the_width(org.path(), "2023-03-01");
}

#[test]
fn in_a_browser_a_deep_generated_organisation_scrolls_only_down_at_a_phones_width() {
    if !have_chromium("report_layout") {
        return;
    }
    let dir = generated_history(200, 2, 3);
    fits_the_width(dir.path(), "2030-01-01");
}

#[test]
fn in_a_browser_the_marks_of_a_change_differ_by_their_border_not_only_by_colour() {
    if !have_chromium("report_layout") {
        return;
    }
    let (_dir, file) = page_file(&alibaba(), &[]);
    // Each letter shown on 2023-05-10 against the day before, with its
    // border's style.
    let borders = "[...new Set([...document.querySelectorAll('#changes li > .mark')]\
        .map((m) => m.textContent + ':' + getComputedStyle(m).borderTopStyle))].sort().join(' ')";
    let shown = measure_in_frame(
        &file,
        "day=2023-05-10&compare=2023-05-09",
        (1280, 800),
        borders,
    );
    // Created, eliminated or left, moved: each its own letter and border.
    for mark in ["A:solid", "D:dashed", "M:dotted", "-:dashed"] {
        assert!(shown.split(' ').any(|m| m == mark), "{mark} in {shown}");
    }
}
