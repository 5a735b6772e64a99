//! `zhengce lsp`: the language server for editors, over standard input and output
//! (`src/lsp/`).

use super::{Console, EXIT_FAILED, EXIT_OK};
use crate::lang::Lang;
use crate::report::messages::{Msg, msg_with};

/// Runs the server until the editor shuts it down.
pub fn run(lang: Option<Lang>, console: &mut Console) -> u8 {
    match crate::lsp::run_stdio(lang) {
        Ok(()) => EXIT_OK,
        Err(why) => {
            let lang = lang.unwrap_or_else(Lang::from_env);
            console.err(&format!("{}\n", msg_with(Msg::LspFailed, lang, &why)));
            EXIT_FAILED
        }
    }
}
