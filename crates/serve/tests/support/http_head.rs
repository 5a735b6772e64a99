//! The head of an HTTP/1.1 response, read from the bytes received so far: shared by the
//! tests' blocking client and the load generator's async one.

/// What a response's head says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Head {
    /// The status code.
    pub status: u16,
    /// The header lines, names in lower case.
    pub headers: Vec<(String, String)>,
    /// Where the body starts in the bytes.
    pub body_start: usize,
}

impl Head {
    /// The value of a header, if given.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// The body's length, when given.
    pub fn content_length(&self) -> Option<usize> {
        self.header("content-length")?.trim().parse().ok()
    }

    /// Whether the body is chunked.
    pub fn chunked(&self) -> bool {
        self.header("transfer-encoding")
            .is_some_and(|v| v.eq_ignore_ascii_case("chunked"))
    }
}

/// The head, once the bytes hold all of it.
pub fn parse_head(bytes: &[u8]) -> Option<Head> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let text = String::from_utf8_lossy(&bytes[..end]);
    let mut lines = text.split("\r\n");
    let status = lines.next()?.split(' ').nth(1)?.parse().ok()?;
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    Some(Head {
        status,
        headers,
        body_start: end + 4,
    })
}

/// The status, where the body starts and the body's declared length (0 when none),
/// read in place without copying: the load generator reads millions of heads.
pub fn status_and_length(bytes: &[u8]) -> Option<(u16, usize, usize)> {
    let end = bytes.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = &bytes[..end];
    let status = std::str::from_utf8(head.get(9..12)?).ok()?.parse().ok()?;
    const NAME: &[u8] = b"\r\ncontent-length:";
    let at = head.windows(NAME.len()).position(|w| w.eq_ignore_ascii_case(NAME));
    let length = match at {
        Some(at) => {
            let digits = head[at + NAME.len()..].iter().skip_while(|b| **b == b' ');
            digits
                .take_while(|b| b.is_ascii_digit())
                .fold(0usize, |n, d| n * 10 + usize::from(d - b'0'))
        }
        None => 0,
    };
    Some((status, end + 4, length))
}
