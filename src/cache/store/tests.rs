use super::{decode, encode};

#[test]
fn a_history_reads_back_as_written() {
    let p = orgctl_synth::Params {
        people: 300,
        years: 5,
        ..Default::default()
    };
    // Dotted lines, declared and by both ops.
    let dotted = "[[unit]]\nid = \"a\"\nname = \"A\"\n[[role]]\nid = \"ceo\"\ntitle = \"CEO\"\nunit = \"a\"\nhead = true\n\
        [[role]]\nid = \"cfo\"\ntitle = \"CFO\"\nunit = \"a\"\ndotted = [\"ceo\"]\n[[event]]\ndate = 2024-01-01\n\
        changes = [{ op = \"dotted\", role = \"ceo\", to = \"cfo\" }, { op = \"undotted\", role = \"cfo\", to = \"ceo\" }]\n";
    let dotted = vec![("org.toml".into(), dotted.to_string())];
    for files in [
        crate::load::bundled::files(),
        orgctl_synth::generate(&p).0,
        dotted,
    ] {
        let h = crate::load::load_texts(files).expect("valid");
        let bytes = encode(&h);
        let back = decode(&bytes).expect("decoded");
        assert_eq!(format!("{h:?}"), format!("{back:?}"));
        // Cut short or changed, it is refused, never misread into a panic.
        assert!(decode(&bytes[..bytes.len() - 1]).is_none());
        for at in [0, 7, bytes.len() / 3, bytes.len() / 2, bytes.len() - 2] {
            let mut bad = bytes.clone();
            bad[at] ^= 0xff;
            let _ = decode(&bad);
        }
    }
}

#[test]
fn a_changed_byte_anywhere_is_refused_or_read_never_a_panic() {
    let h = crate::load::load_texts(crate::load::bundled::files()).expect("valid");
    let bytes = encode(&h);
    for at in (0..bytes.len()).step_by(37) {
        for flip in [0x01, 0xff] {
            let mut bad = bytes.clone();
            bad[at] ^= flip;
            if let Some(back) = decode(&bad) {
                assert_eq!(back.events.len(), h.events.len(), "flipped at {at}");
            }
        }
    }
}

#[test]
fn an_id_past_the_records_of_its_kind_is_refused() {
    use crate::ids::{PersonId, RoleId, UnitId};
    let text = "[[unit]]\nid = \"a\"\nname = \"A\"\n[[person]]\nid = \"ann\"\nname = \"Ann\"\n\
                [[role]]\nid = \"ceo\"\ntitle = \"CEO\"\nunit = \"a\"\nhead = true\nholder = \"ann\"\n\
                [[event]]\ndate = 2024-01-01\nsources = [\"memo\"]\n\
                changes = [{ op = \"rename\", unit = \"a\", name = \"B\" }]\n";
    let load =
        || crate::load::load_texts(vec![("org.toml".into(), text.to_string())]).expect("valid");
    assert!(decode(&encode(&load())).is_some());
    type Break = fn(&mut crate::timeline::History);
    let broken: [(&str, Break); 5] = [
        ("a role's unit", |h| {
            h.roles[0].unit.intervals[0].value = UnitId::new(1)
        }),
        ("a holder", |h| {
            h.roles[0].holder.intervals[0].value.person = PersonId::new(1)
        }),
        ("a tenure's role", |h| {
            h.people[0].tenures[0].role = RoleId::new(1)
        }),
        ("a tenure's interval", |h| h.people[0].tenures[0].index = 1),
        ("an event's sources", |h| {
            h.events[0].sources = crate::timeline::SourceList(9)
        }),
    ];
    for (what, breaks) in broken {
        let mut bad = load();
        breaks(&mut bad);
        assert!(
            decode(&encode(&bad)).is_none(),
            "{what} out of range was read"
        );
    }
}

#[test]
fn a_succession_and_a_spin_off_read_back_as_written() {
    let text = "[[unit]]\nid = \"a\"\nname = \"A\"\n[[unit]]\nid = \"b\"\nname = \"B\"\nparent = \"a\"\n\
                [[unit]]\nid = \"c\"\nname = \"C\"\nparent = \"a\"\nsince = 2023-06-05\n\
                [[event]]\ndate = 2023-06-02\nchanges = [{ op = \"dissolve\", unit = \"b\", into = \"c\" }]\n\
                [[event]]\ndate = 2023-07-01\nchanges = [{ op = \"move\", unit = \"c\", to = \"\" }]\n";
    let h = crate::load::load_texts(vec![("org.toml".into(), text.to_string())]).expect("valid");
    let back = decode(&encode(&h)).expect("decoded");
    assert!(back.units[1].succession);
    assert_eq!(format!("{h:?}"), format!("{back:?}"));
}

#[test]
fn names_and_aliases_over_time_read_back_as_written() {
    let text = "[[unit]]\nid = \"acme\"\nname = \"Acme\"\naka = [\"ACME Corp\"]\n\n\
                [[person]]\nid = \"smith\"\nname = \"Sir John Smith\"\n\n\
                [[event]]\ndate = 2023-06-01\nchanges = [\n\
                { op = \"rename\", person = \"smith\", name = \"Lord Smith\" },\n\
                { op = \"alias\", person = \"smith\", name = \"Sir John\" },\n\
                { op = \"unalias\", unit = \"acme\", name = \"ACME Corp\" },\n]\n";
    let h = crate::load::load_texts(vec![("org.toml".into(), text.to_string())]).expect("valid");
    let back = decode(&encode(&h)).expect("decoded");
    assert_eq!(back.people[0].name.intervals().len(), 2);
    assert_eq!(back.people[0].notes.aliases.len(), 1);
    assert!(back.units[0].notes.aliases[0].until.is_some());
    assert_eq!(format!("{h:?}"), format!("{back:?}"));
}

#[test]
fn a_window_reads_back_as_written() {
    let text = "[[unit]]\nid = \"acme\"\nname = \"Acme\"\n\n\
                [[event]]\ndate = \"2023-01-31/2023-02-28\"\nreported = \"2023-03-01/2023-03-15\"\n\
                changes = [{ op = \"set\", unit = \"acme\", key = \"k\", value = \"v\" }]\n\n\
                [[event]]\ndate = 2023-04-01\nnote = \"a note\"\n\
                changes = [{ op = \"set\", unit = \"acme\", key = \"k\", value = \"\" }]\n";
    let h = crate::load::load_texts(vec![("org.toml".into(), text.to_string())]).expect("valid");
    let back = decode(&encode(&h)).expect("decoded");
    let ev = &back.events[0];
    assert_eq!(ev.date.to_string(), "2023-01-31/2023-02-28");
    assert_eq!(
        ev.reported().map(|d| d.to_string()).as_deref(),
        Some("2023-03-01/2023-03-15")
    );
    assert_eq!((ev.note(), back.events[1].note()), (None, Some("a note")));
    assert_eq!(back.events[1].reported(), None);
    assert_eq!(format!("{h:?}"), format!("{back:?}"));
}

#[test]
fn the_seats_of_a_role_read_back_as_written() {
    let text = "[[unit]]\nid = \"acme\"\nname = \"Acme\"\n\n\
                [[person]]\nid = \"ann\"\nname = \"Ann\"\n\n\
                [[person]]\nid = \"bob\"\nname = \"Bob\"\n\n\
                [[role]]\nid = \"board\"\ntitle = \"Director\"\nunit = \"acme\"\nseats = 3\nholder = \"ann\"\n\n\
                [[role]]\nid = \"whip\"\ntitle = \"Whip\"\nunit = \"acme\"\nseats = \"any\"\n\n\
                [[event]]\ndate = 2023-01-01\nchanges = [\n\
                { op = \"appoint\", person = \"bob\", role = \"board\" },\n\
                { op = \"appoint\", person = \"ann\", role = \"whip\" },\n\
                { op = \"appoint\", person = \"bob\", role = \"whip\" },\n]\n";
    let h = crate::load::load_texts(vec![("org.toml".into(), text.to_string())]).expect("valid");
    let back = decode(&encode(&h)).expect("decoded");
    assert_eq!(back.roles[0].seats.to_string(), "3");
    assert_eq!(back.roles[1].seats.to_string(), "any");
    assert_eq!(back.roles[1].rare.extra.len(), 1);
    assert_eq!(back.people[1].tenures.len(), 2);
    assert_eq!(format!("{h:?}"), format!("{back:?}"));
}

#[test]
fn a_day_read_again_is_the_day_chrono_gives() {
    use chrono::NaiveDate;
    let mut r = super::Reader::new(&[], super::Bounds::ANY);
    // Days that share a slot, read in turns, and days that are none.
    let days = [
        738_000,
        738_016,
        738_000,
        1,
        17,
        -5,
        738_016,
        i32::MAX,
        i32::MIN,
    ];
    for _ in 0..2 {
        for d in days {
            assert_eq!(r.day(d), NaiveDate::from_num_days_from_ce_opt(d), "{d}");
        }
    }
}
