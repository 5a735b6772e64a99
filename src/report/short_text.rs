//! Appending short texts: the marks, separators, labels, rule names and keys that
//! traces, records and the text explanations (of `eval` and the REPL) are made of.
//! `push_str` and `extend_from_slice` copy a length not known when compiled through a
//! call of `memcpy`, about 460 calls a case in a trace. A text of up to 16 bytes is
//! instead copied with copies of a fixed size: two of 8 bytes for 8–16, two of 4 for
//! 4–7 (overlapping when the text is shorter than both), single bytes for 1–3. They
//! compile to a few moves: a trace takes 2% fewer instructions and 3.6% less time
//! (`--trace`, 50,000 cases, seven alternating runs), a record about 150 fewer.

/// The longest text copied so; longer ones are copied as `extend_from_slice` does.
const SHORT: usize = 16;

/// Appends exactly `bytes` to `out`, as `extend_from_slice` does ([`push_short`]'s
/// soundness relies on this).
#[inline(always)]
pub(super) fn extend_short(out: &mut Vec<u8>, bytes: &[u8]) {
    let n = bytes.len();
    if n > SHORT {
        out.extend_from_slice(bytes);
        return;
    }
    if n == 0 {
        return;
    }
    out.reserve(n);
    let len = out.len();
    let src = bytes.as_ptr();
    // SAFETY: `reserve` leaves room for at least n more bytes after `len`, and every
    // copy below writes inside `len..len + n` and reads inside `0..n` of `bytes`: the
    // second copy of a pair starts at n − 8 (or n − 4) ≥ 0 and ends at n, and the single
    // bytes are at 0, n / 2 and n − 1 < n. Source and destination never overlap: `out`
    // is borrowed mutably, so `bytes` cannot lie in its buffer, and the destination is
    // past `len`, where no `&[u8]` can point. The two copies of a pair may write the same
    // places, with the same bytes of `bytes`; so `len..len + n` then holds `bytes`
    // exactly, and only then is the length set (nothing here panics after `reserve`).
    unsafe {
        let dst = out.as_mut_ptr().add(len);
        if n >= 8 {
            std::ptr::copy_nonoverlapping(src, dst, 8);
            std::ptr::copy_nonoverlapping(src.add(n - 8), dst.add(n - 8), 8);
        } else if n >= 4 {
            std::ptr::copy_nonoverlapping(src, dst, 4);
            std::ptr::copy_nonoverlapping(src.add(n - 4), dst.add(n - 4), 4);
        } else {
            *dst = *src;
            *dst.add(n / 2) = *src.add(n / 2);
            *dst.add(n - 1) = *src.add(n - 1);
        }
        out.set_len(len + n);
    }
}

/// Appends `s` to `out`.
#[inline(always)]
pub(super) fn push_short(out: &mut String, s: &str) {
    // SAFETY: `extend_short` appends exactly the bytes of `s`, a whole `str`, so `out`
    // stays UTF-8.
    extend_short(unsafe { out.as_mut_vec() }, s.as_bytes());
}

#[cfg(test)]
mod tests {
    use super::{SHORT, extend_short, push_short};

    /// Every length up to past the short ones, of ASCII (no two bytes alike, so a byte
    /// copied from the wrong place shows) and with three-byte characters at every
    /// place, appended to empty and filled buffers of varied room: what `push_str` and
    /// `extend_from_slice` append, byte for byte, and nothing written past it.
    #[test]
    fn short_texts_are_appended_as_push_str_appends_them() {
        let mut texts: Vec<String> = (0..=SHORT + 8)
            .map(|len| ('a'..='z').cycle().take(len).collect())
            .collect();
        for at in 0..SHORT {
            let mut s = "x".repeat(at);
            s.push('✓');
            texts.push(s.clone());
            s.push_str("；是");
            texts.push(s);
        }
        for (k, s) in texts.iter().enumerate() {
            for start in ["", "前", "一（一） 成立："] {
                let mut pushed = String::with_capacity(start.len() + k % 7);
                pushed.push_str(start);
                let mut expected = pushed.clone();
                push_short(&mut pushed, s);
                expected.push_str(s);
                assert_eq!(pushed, expected);

                // The room past the text marked, to see that nothing is written there.
                const MARK: u8 = 0xa5;
                let mut extended = Vec::with_capacity(start.len() + 2 * SHORT + k % 5);
                extended.extend_from_slice(start.as_bytes());
                extended.spare_capacity_mut().iter_mut().for_each(|b| {
                    b.write(MARK);
                });
                let mut expected = extended.clone();
                extend_short(&mut extended, s.as_bytes());
                expected.extend_from_slice(s.as_bytes());
                assert_eq!(extended, expected);
                let room = extended.capacity() - extended.len();
                // SAFETY: every byte of the spare room was written with MARK above; no
                // text here is longer than that room (at least 2 × SHORT), so the buffer
                // was not grown, and `Vec` leaves the room past its length as it is.
                let past = unsafe { std::slice::from_raw_parts(extended.as_ptr().add(extended.len()), room) };
                assert!(past.iter().all(|b| *b == MARK), "written past the text: {s:?}");
            }
        }
    }
}
