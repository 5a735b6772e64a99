//! Reading input files safely: only regular files, never more bytes than a limit, and
//! as bytes, so that text which is not UTF-8 is reported where the bad byte is rather
//! than losing the whole file.
//!
//! A device (`/dev/zero`), a FIFO or a directory named as a file is refused before a
//! byte is read; a file larger than its limit is refused by its size, so no input can
//! make zhengce allocate without bound.

use crate::lang::Text;
use std::fmt;
use std::io::Read;
use std::path::Path;

/// Size limits on what zhengce reads, in bytes. Generous by default: a real policy
/// file is tens of kilobytes, a calendar a few, a case a few.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputLimits {
    /// One policy file or calendar file (`--max-policy-bytes`).
    pub policy_bytes: u64,
    /// One case: one YAML document or one JSON line (`--max-case-bytes`).
    pub case_bytes: u64,
}

impl InputLimits {
    /// 16 MiB per policy or calendar file.
    pub const DEFAULT_POLICY_BYTES: u64 = 16 << 20;
    /// 4 MiB per case.
    pub const DEFAULT_CASE_BYTES: u64 = 4 << 20;
}

impl Default for InputLimits {
    fn default() -> InputLimits {
        InputLimits {
            policy_bytes: InputLimits::DEFAULT_POLICY_BYTES,
            case_bytes: InputLimits::DEFAULT_CASE_BYTES,
        }
    }
}

/// Why a file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not a regular file: a directory, a device, a FIFO or a socket.
    NotRegular(&'static str),
    /// Larger than the limit.
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit it is over.
        limit: u64,
    },
    /// The system's error (not found, no permission, …).
    Io(String),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotRegular(kind) => write!(f, "it is {kind}, not a regular file"),
            ReadError::TooLarge { size, limit } => write!(f, "it has {size} bytes, more than the limit of {limit}"),
            ReadError::Io(e) => f.write_str(e),
        }
    }
}

/// A system error in words in both languages (see [`ReadError::text`]).
pub fn system_error(e: &std::io::Error) -> Text {
    ReadError::Io(e.to_string()).text()
}

/// Why a file could not be written at `path`: for a folder that does not exist, that
/// folder (the system says only "no such file or directory", which reads as if the
/// file itself were missing); else [`system_error`].
pub fn write_error(path: &str, e: &std::io::Error) -> Text {
    let folder = std::path::Path::new(path)
        .parent()
        .filter(|p| !p.as_os_str().is_empty() && !p.exists());
    match folder {
        Some(folder) if e.kind() == std::io::ErrorKind::NotFound => {
            InputMsg::NoSuchFolder.with([folder.to_string_lossy().into_owned()])
        }
        _ => system_error(e),
    }
}

impl ReadError {
    /// Why, in words in both languages (the system's own words as they are).
    pub fn text(&self) -> Text {
        match self {
            ReadError::NotRegular(kind) => {
                let kind = match *kind {
                    "a directory" => InputMsg::Directory,
                    "a device" => InputMsg::Device,
                    "a pipe" => InputMsg::Pipe,
                    "a socket" => InputMsg::Socket,
                    _ => InputMsg::NotPlain,
                };
                InputMsg::NotRegular.with([kind])
            }
            ReadError::TooLarge { size, limit } => InputMsg::TooLarge.with([size.to_string(), limit.to_string()]),
            ReadError::Io(e) => {
                // The system says `… (os error N)`: the common errors in the
                // catalogue's words, in either language; any other in its own, quoted.
                let known = if e.ends_with("(os error 2)") {
                    InputMsg::NotFound
                } else if e.ends_with("(os error 13)") {
                    InputMsg::PermissionDenied
                } else if e.ends_with("(os error 20)") {
                    InputMsg::NotADirectory
                } else {
                    return InputMsg::SystemError.with([e.as_str()]);
                };
                known.into()
            }
        }
    }
}

crate::catalogue! {
    /// Why an input file is not read.
    pub enum InputMsg {
        /// not a regular file (what it is)
        NotRegular => "它是{}，不是普通文件", "it is {}, not a regular file";
        /// larger than the limit (size, limit)
        TooLarge => "它有 {} 字节，超过上限 {}", "it has {} bytes, more than the limit of {}";
        /// a directory
        Directory => "目录", "a directory";
        /// a device
        Device => "设备", "a device";
        /// a pipe
        Pipe => "管道", "a pipe";
        /// a socket
        Socket => "套接字", "a socket";
        /// anything else that is not a regular file
        NotPlain => "特殊文件", "not a plain file";
        /// a file that does not exist
        NotFound => "文件不存在", "no such file or directory";
        /// a file written into a folder that does not exist (the folder)
        NoSuchFolder => "文件夹 `{}` 不存在", "the folder `{}` does not exist";
        /// a file the user may not read (or write)
        PermissionDenied => "权限不足", "permission denied";
        /// a path through something that is not a folder
        NotADirectory => "路径中有一部分不是目录", "not a directory";
        /// another error of the system (the system's words)
        SystemError => "系统错误（`{}`）", "{}";
    }
}

/// Opens a regular file to be read as a stream (a batch's input, read a piece at a
/// time); a device, a pipe or a directory named as a file is refused.
pub fn open_regular_file(path: &Path) -> Result<std::fs::File, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(file_kind(&meta)));
    }
    std::fs::File::open(path).map_err(|e| ReadError::Io(e.to_string()))
}

/// Reads a regular file of at most `limit` bytes (no limit when `None`).
pub fn read_regular_file(path: &Path, limit: Option<u64>) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| ReadError::Io(e.to_string()))?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(file_kind(&meta)));
    }
    if let Some(limit) = limit
        && meta.len() > limit
    {
        return Err(ReadError::TooLarge {
            size: meta.len(),
            limit,
        });
    }
    let file = std::fs::File::open(path).map_err(|e| ReadError::Io(e.to_string()))?;
    let mut bytes = Vec::new();
    // The file may grow between the size check and the read: read one byte past the
    // limit at most, to tell.
    let cap = limit.map_or(u64::MAX, |l| l.saturating_add(1));
    file.take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| ReadError::Io(e.to_string()))?;
    match limit {
        Some(limit) if bytes.len() as u64 > limit => Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        }),
        _ => Ok(bytes),
    }
}

fn file_kind(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    if t.is_dir() {
        "a directory"
    } else if t.is_char_device() || t.is_block_device() {
        "a device"
    } else if t.is_fifo() {
        "a pipe"
    } else if t.is_socket() {
        "a socket"
    } else {
        "not a plain file"
    }
}

/// Text decoded from bytes that may not all be UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodedText {
    /// The text, each byte that is not UTF-8 replaced by `?`, so that every byte offset
    /// (and so every line and column) is the same as in the bytes.
    pub text: String,
    /// The offsets of the replaced bytes, in order.
    pub invalid: Vec<usize>,
}

impl DecodedText {
    /// Decodes `bytes` (without a copy when they are all UTF-8).
    pub fn decode(bytes: Vec<u8>) -> DecodedText {
        match String::from_utf8(bytes) {
            Ok(text) => DecodedText {
                text,
                invalid: Vec::new(),
            },
            Err(e) => DecodedText::decode_lossy(e.as_bytes()),
        }
    }

    fn decode_lossy(bytes: &[u8]) -> DecodedText {
        let mut text = String::with_capacity(bytes.len());
        let mut invalid = Vec::new();
        for chunk in bytes.utf8_chunks() {
            text.push_str(chunk.valid());
            for _ in chunk.invalid() {
                invalid.push(text.len());
                text.push('?');
            }
        }
        DecodedText { text, invalid }
    }

    /// The first byte that is not UTF-8 in `start..end`, if any.
    pub fn first_invalid_in(&self, start: usize, end: usize) -> Option<usize> {
        first_invalid_in(&self.invalid, start, end)
    }
}

/// The first of the sorted offsets `invalid` in `start..end`, if any.
pub fn first_invalid_in(invalid: &[usize], start: usize, end: usize) -> Option<usize> {
    let i = invalid.partition_point(|&b| b < start);
    invalid.get(i).copied().filter(|&b| b < end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages() {
        InputMsg::check_all().unwrap();
        let e = ReadError::NotRegular("a directory");
        assert_eq!(e.text().en(), e.to_string());
        assert_eq!(e.text().zh(), "它是目录，不是普通文件");
    }

    #[test]
    fn a_write_into_a_missing_folder_names_the_folder() {
        let not_found = std::io::Error::from(std::io::ErrorKind::NotFound);
        let missing = write_error("no-such-folder-anywhere/out.jsonl", &not_found);
        assert_eq!(missing.en(), "the folder `no-such-folder-anywhere` does not exist");
        assert_eq!(missing.zh(), "文件夹 `no-such-folder-anywhere` 不存在");
        // The folder is there (or there is none): the system's own reason.
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        assert_eq!(write_error("src/out.jsonl", &denied).en(), system_error(&denied).en());
        assert_eq!(write_error("out.jsonl", &not_found).en(), system_error(&not_found).en());
    }

    #[test]
    fn bad_bytes_keep_their_offsets() {
        let d = DecodedText::decode(b"a: 1\nb: \xff\xfe x\n\xe5\xb9\xb4: 2\n".to_vec());
        assert_eq!(d.text, "a: 1\nb: ?? x\n年: 2\n");
        assert_eq!(d.invalid, [8, 9]);
        assert_eq!(d.first_invalid_in(0, 8), None);
        assert_eq!(d.first_invalid_in(5, 12), Some(8));
        assert_eq!(d.first_invalid_in(10, 20), None);
    }

    #[test]
    fn devices_directories_and_large_files_are_refused() {
        assert_eq!(
            read_regular_file(Path::new("/dev/zero"), Some(10)),
            Err(ReadError::NotRegular("a device"))
        );
        assert_eq!(
            read_regular_file(Path::new("src"), None),
            Err(ReadError::NotRegular("a directory"))
        );
        let size = std::fs::metadata("Cargo.toml").map(|m| m.len()).unwrap_or(0);
        assert_eq!(
            read_regular_file(Path::new("Cargo.toml"), Some(10)),
            Err(ReadError::TooLarge { size, limit: 10 })
        );
        assert!(read_regular_file(Path::new("Cargo.toml"), Some(size)).is_ok());
    }
}
