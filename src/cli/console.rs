//! Where a subcommand's output goes: standard output, standard error and report files,
//! each through a [`MaskingWriter`], so that no resident ID number leaves zhengce
//! unless the user asked for `--show-pii`. Every subcommand writes only through its
//! [`Console`]; tests give it buffers instead of the process's streams.

use crate::privacy::{MaskedLines, MaskingWriter, Pii};
use std::io::{self, IsTerminal, Write};

/// Where the output goes.
enum Sink {
    /// The process's standard output and error.
    Stdio,
    /// Buffers (tests, fuzzing).
    Captured,
}

/// A subcommand's output: standard output, standard error, report files.
pub struct Console<'a> {
    out: MaskingWriter<Box<dyn Write + 'a>>,
    err: MaskingWriter<Box<dyn Write + 'a>>,
    sink: Sink,
    pii: Pii,
}

impl Console<'static> {
    /// The process's standard output and error.
    pub fn stdio(pii: Pii) -> Console<'static> {
        Console {
            out: MaskingWriter::new(Box::new(io::stdout()), pii),
            err: MaskingWriter::new(Box::new(io::stderr()), pii),
            sink: Sink::Stdio,
            pii,
        }
    }
}

impl<'a> Console<'a> {
    /// Output into two buffers.
    pub fn captured(out: &'a mut Vec<u8>, err: &'a mut Vec<u8>, pii: Pii) -> Console<'a> {
        Console {
            out: MaskingWriter::new(Box::new(out), pii),
            err: MaskingWriter::new(Box::new(err), pii),
            sink: Sink::Captured,
            pii,
        }
    }

    /// Whether ID numbers are shown.
    pub fn pii(&self) -> Pii {
        self.pii
    }

    /// Writes to standard output; a closed pipe (`| head`) ends the program quietly.
    pub fn out(&mut self, text: &str) {
        let result = self.out.write_all(text.as_bytes()).and_then(|_| self.out.flush_lines());
        if let Err(e) = result
            && e.kind() == io::ErrorKind::BrokenPipe
            && matches!(self.sink, Sink::Stdio)
        {
            std::process::exit(0);
        }
    }

    /// Writes to standard error.
    pub fn err(&mut self, text: &str) {
        let _ = self.err.write_all(text.as_bytes()).and_then(|_| self.err.flush_lines());
    }

    /// Standard output as a writer (for the REPL's plain front end).
    pub fn out_writer(&mut self) -> &mut dyn Write {
        &mut self.out
    }

    /// Standard output (or what stands for it), for a batch's records: see
    /// [`MaskedLines`].
    pub fn out_lines(&mut self) -> &mut dyn MaskedLines {
        &mut self.out
    }

    /// Writes a report file (JUnit and the like), masked like every other output.
    pub fn write_file(&self, path: &str, text: &str) -> io::Result<()> {
        self.write_file_with(path, |w| w.write_all(text.as_bytes()))
    }

    /// Writes a report file through `write`, as it is produced (a large report is
    /// never held whole), masked like every other output.
    pub fn write_file_with(&self, path: &str, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        let file = std::fs::File::create(path)?;
        let mut w = MaskingWriter::new(io::BufWriter::new(file), self.pii);
        write(&mut w)?;
        w.flush()
    }

    /// A file to stream output into (`batch --out`), masked like every other output.
    pub fn create_file(&self, path: &str) -> io::Result<MaskingWriter<io::BufWriter<std::fs::File>>> {
        let file = std::fs::File::create(path)?;
        Ok(MaskingWriter::new(
            io::BufWriter::with_capacity(1 << 16, file),
            self.pii,
        ))
    }

    /// Whether standard output is a terminal (for colour).
    pub fn out_is_terminal(&self) -> bool {
        matches!(self.sink, Sink::Stdio) && io::stdout().is_terminal()
    }

    /// Whether standard error is a terminal (for colour).
    pub fn err_is_terminal(&self) -> bool {
        matches!(self.sink, Sink::Stdio) && io::stderr().is_terminal()
    }
}
