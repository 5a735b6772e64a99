//! The `zhengce-serve` command (also run as `zhengce serve`): read the command line in
//! the user's language, start the server, exit with its code.

use std::process::ExitCode;

// As the `zhengce` command: a case is many small allocations let go at once, on many
// threads, which mimalloc's thread-local free lists serve best.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = zhengce::cli::help::lang_of(&args);
    match zhengce_serve::args::parse(&args, lang) {
        Ok(parsed) => ExitCode::from(zhengce_serve::startup::run(parsed)),
        // Usage errors, `--help` and `--version`, in the user's language.
        Err(told) => told.show(),
    }
}
