//! Masking ID numbers: the shapes found, the writer's holding back of half an ID, the
//! quick look, and lines masked before they are written.

use super::*;

#[test]
fn id_shapes_are_masked_wherever_they_stand() {
    let text =
        "id 430102197503101234, ID430102197503101234a x11010519491231002Xy 110105491231002 年 1430102197503101234";
    let masked = mask_ids(text);
    assert_eq!(
        masked,
        "id 430102********1234, ID430102********1234a x110105********002Xy 110105*****1002 年 143010*********1234"
    );
    assert_eq!(masked.len(), text.len());
}

#[test]
fn colour_between_digits_does_not_hide_an_id() {
    let text = "key 4301\x1b[31m021975\x1b[0m03101234 end";
    assert_eq!(mask_ids(text), "key 4301\x1b[31m02****\x1b[0m****1234 end");
    assert_eq!(id_shaped_runs(text.as_bytes()).count(), 1);
}

#[test]
fn lines_masked_already_are_written_as_they_are_and_others_masked() {
    let id = "430102197503101234";
    let masked_id = "430102********1234";
    let mut lines = format!("{{\"case\":\"{id}\"}}\n\x1b[1m{id}\n").into_bytes();
    let capacity = lines.capacity();
    let masked = Some(mask_in_place(&mut lines));
    assert_eq!(
        lines,
        format!("{{\"case\":\"{masked_id}\"}}\n\x1b[1m{masked_id}\n").into_bytes()
    );
    assert_eq!(lines.capacity(), capacity, "masked where it stands");
    let written = |pii: Pii, held: &[u8], lines: &[u8], masked: Option<Masked>| {
        let mut out = Vec::new();
        let mut w = MaskingWriter::new(&mut out, pii);
        let wrote = w.write_all(held).and_then(|()| w.write_lines(lines, masked));
        assert!(wrote.and_then(|()| w.flush()).is_ok(), "written into memory");
        drop(w);
        String::from_utf8_lossy(&out).into_owned()
    };
    // Marked as masked: not looked through again (an ID left in them would pass;
    // only `mask_in_place` marks lines so).
    let raw = format!("{id}\n");
    assert_eq!(written(Pii::Mask, b"", raw.as_bytes(), masked), raw);
    // Not marked: masked here; shown with `Show`.
    assert_eq!(written(Pii::Mask, b"", raw.as_bytes(), None), format!("{masked_id}\n"));
    assert_eq!(written(Pii::Show, b"", raw.as_bytes(), None), raw);
    // After held text, or without a last newline: through the masking, which sees
    // an ID that the held text and the lines make together.
    let (head, tail) = id.split_at(7);
    let joined = written(Pii::Mask, head.as_bytes(), format!("{tail}\n").as_bytes(), masked);
    assert_eq!(joined, format!("{masked_id}\n"));
    assert_eq!(written(Pii::Mask, b"", id.as_bytes(), masked), masked_id);
}

#[test]
fn flushing_lines_holds_back_half_an_id() {
    let mut out = Vec::new();
    let mut w = MaskingWriter::new(&mut out, Pii::Mask);
    w.write_all(b"done\na 4301021975").unwrap();
    w.flush_lines().unwrap();
    assert_eq!(w.pending, b"a 4301021975", "the unfinished line is held");
    w.write_all(b"03101234\n").unwrap();
    drop(w);
    assert_eq!(out, b"done\na 430102********1234\n");
}

/// Writes `text` through a masking writer in pieces of the given lengths (cycled),
/// returning what came out and the most the writer held at once.
fn written_in_pieces(text: &[u8], lengths: &[usize]) -> (Vec<u8>, usize) {
    let mut out = Vec::new();
    let mut held = 0;
    {
        let mut w = MaskingWriter::new(&mut out, Pii::Mask);
        let mut rest = text;
        for len in lengths.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (piece, tail) = rest.split_at((*len).min(rest.len()));
            w.write_all(piece).unwrap();
            held = held.max(w.pending.len());
            rest = tail;
        }
    }
    (out, held)
}

/// One long line (a JSON report) with IDs, digits and `X` everywhere, written in
/// pieces of every length from 1 to 97 bytes: the output is that of masking the
/// whole line at once, and the writer never holds much more than [`HELD_LINE`].
#[test]
fn a_long_line_is_written_in_pieces_and_masked_as_a_whole() {
    let items = [
        "{\"case\":\"430102197503101234\",\"n\":12345},",
        "{\"id\":\"11010519491231002X\",\"line\":99},",
        "{\"x\":\"1234567890123456789012345\"},",
        "{\"short\":\"13800138000x\",\"年\":\"110105491231002\"},",
    ];
    let line: String = (0..40_000).map(|i| items[i % items.len()]).collect();
    let line = format!("{line}\n");
    let lengths: Vec<usize> = (1..98).collect();
    let (out, held) = written_in_pieces(line.as_bytes(), &lengths);
    assert_eq!(out, mask_ids(&line).as_bytes());
    assert!(
        line.len() > 20 * HELD_LINE && held < HELD_LINE + 200,
        "held {held} bytes"
    );
}

/// Colour sequences can join digits across other bytes: such a line is held to its
/// end, and a line of digits alone too, and both are masked as wholes.
#[test]
fn a_long_line_with_colour_or_only_digits_is_held_whole() {
    let coloured = format!("{}\n", "4301\x1b[31m021975\x1b[0m03101234, ".repeat(HELD_LINE / 8));
    let digits = format!("{}\n", "1".repeat(3 * HELD_LINE));
    for line in [coloured, digits] {
        let (out, held) = written_in_pieces(line.as_bytes(), &[7, 4096]);
        assert_eq!(out, mask_ids(&line).as_bytes());
        assert!(held >= line.len() - 4096, "held {held} of {}", line.len());
    }
}

/// The quick look finds every text with a run to mask, wherever the run starts,
/// and lets text without one through.
#[test]
fn texts_with_an_id_are_never_let_through() {
    for start in 0..24 {
        for len in [14, 15, 17, 18, 40] {
            for tail in ["", "X", "\n"] {
                let text = format!("{}{}{tail} 年", "a".repeat(start), "7".repeat(len));
                let runs = id_shaped_runs(text.as_bytes()).count();
                assert_eq!(runs > 0, len >= 15, "{text}");
                if runs > 0 {
                    assert!(may_hold_id(text.as_bytes()), "{text}");
                    assert!(matches!(mask_bytes(text.as_bytes()), Cow::Owned(_)), "{text}");
                }
            }
        }
    }
    let record = br#"{"case":"GEN-7-0000001","as_of":"2026-12-06","age":51,"missing":["2023-05","2023-06"]}"#;
    assert!(!may_hold_id(record));
    assert!(may_hold_id(b"12345678"), "a word of digits");
    assert!(may_hold_id(b"1\x1b[0m2"), "a colour sequence");
}

/// Going through 64 bytes at a time finds what a word at a time finds: a word of
/// digits, or an escape character, at every place of a block and of the remainder,
/// and a digit short of a word.
#[test]
fn the_quick_look_by_blocks_finds_what_a_word_at_a_time_finds() {
    let by_words =
        |bytes: &[u8]| bytes.contains(&0x1b) || bytes.chunks_exact(8).any(|w| w.iter().all(u8::is_ascii_digit));
    for len in [8, 15, 63, 64, 65, 72, 127, 128, 130, 200] {
        for at in 0..len {
            for run in [1, 7, 8, 9, 16] {
                let mut bytes = vec![b'-'; len];
                bytes[at..(at + run).min(len)].fill(b'7');
                assert_eq!(may_hold_id(&bytes), by_words(&bytes), "{run} digits at {at} of {len}");
                bytes[at] = 0x1b;
                assert!(may_hold_id(&bytes), "an escape at {at} of {len}");
                // The bytes just below and above the digits are not digits.
                for other in [b'/', b':'] {
                    bytes[at] = other;
                    assert_eq!(may_hold_id(&bytes), by_words(&bytes), "{run} digits at {at} of {len}");
                }
            }
        }
    }
    assert!(!may_hold_id(&[b"1234567a".repeat(20), b":".to_vec()].concat()));
}

#[test]
fn other_numbers_are_kept() {
    for text in ["phone 13800138000", "12345678901234", "2025-09-01 430102"] {
        assert!(matches!(mask_ids(text), Cow::Borrowed(_)), "{text}");
    }
}

#[test]
fn the_writer_masks_an_id_split_over_writes_and_loses_nothing() {
    let mut out = Vec::new();
    {
        let mut w = MaskingWriter::new(&mut out, Pii::Mask);
        w.write_all(b"a 4301021975").unwrap();
        w.write_all(b"03101234 b\nc 11010519491231002").unwrap();
        w.write_all(b"X").unwrap();
    }
    assert_eq!(
        String::from_utf8(out).unwrap(),
        "a 430102********1234 b\nc 110105********002X"
    );
    let mut shown = Vec::new();
    MaskingWriter::new(&mut shown, Pii::Show)
        .write_all(b"430102197503101234\n")
        .unwrap();
    assert_eq!(shown, b"430102197503101234\n");
}
