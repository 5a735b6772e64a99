#!/usr/bin/env bash
# Tries zhengce in Neovim as a new author would (issue 14): opens a copy of the Hunan
# policy in a real Neovim, in a detached tmux session, with editors/neovim/zhengce.lua
# and nothing of this machine's own configuration; waits until `zhengce lsp` has
# attached; makes a typo (`registered_unemployed` -> `registerd_unemployed` in
# category 3's condition) as an author would, with a search and `cw`; then waits for
# the diagnostic, and prints the screen.
#
# Usage: editors/neovim/try.sh ZHENGCE_BIN
# Exit: 0 when the checker's Chinese message (未知的名称) is on the screen, 1 when it
# is not, 2 when Neovim or tmux is missing or the usage is wrong.
# ZHENGCE_TRY_POLLS: how many times to look at the screen for each step (default 150,
# 0.2 s apart).
set -euo pipefail

if [ $# -ne 1 ] || [ ! -x "$1" ]; then
    echo "usage: $0 ZHENGCE_BIN (an executable zhengce)" >&2
    exit 2
fi
for tool in nvim tmux; do
    command -v "$tool" >/dev/null || { echo "$0: $tool is not installed" >&2; exit 2; }
done

bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
polls=${ZHENGCE_TRY_POLLS:-150}
expected='未知的名称'

tmp=$(mktemp -d "${TMPDIR:-/tmp}/zhengce-nvim.XXXXXX")
sock=$tmp/tmux.sock
cleanup() {
    local status=$?
    tmux -S "$sock" kill-server 2>/dev/null || true
    # Neovim may still be writing its state as tmux stops it: try again a few times,
    # and never let the cleaning change the script's verdict.
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        rm -rf "$tmp" 2>/dev/null && break
        sleep 0.2
    done
    exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# The shipped policies, in a folder of their own: the typo is made in the copy.
cp -R "$repo/policies" "$tmp/policies"
policy=$tmp/policies/hunan/2025-employment-assistance.policy

# Nothing of the machine's own: a home, configuration, data, state and cache of the
# try's, a UTF-8 locale for the Chinese on screen, and Chinese messages.
mkdir -p "$tmp/home" "$tmp/config" "$tmp/data" "$tmp/state" "$tmp/cache" "$tmp/run"
chmod 700 "$tmp/run"
editor=(env
    HOME="$tmp/home"
    XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_STATE_HOME="$tmp/state"
    XDG_CACHE_HOME="$tmp/cache" XDG_RUNTIME_DIR="$tmp/run"
    XDG_CONFIG_DIRS="$tmp/config" XDG_DATA_DIRS="$tmp/data"
    LANG=C.UTF-8 LC_ALL=C.UTF-8 ZHENGCE_LANG=zh ZHENGCE_BIN="$bin"
    nvim --noplugin -i NONE -u "$here/zhengce.lua"
    --cmd 'let g:zhengce_cmd = [$ZHENGCE_BIN, "lsp"]'
    "$policy")
command=$(printf '%q ' "${editor[@]}")

tmux_() { LANG=C.UTF-8 LC_ALL=C.UTF-8 tmux -u -f /dev/null -S "$sock" "$@"; }
screen() { tmux_ capture-pane -p -t try 2>/dev/null || true; }

# Waits until the screen shows `text`, looking at most `polls` times; the last screen
# in $shown.
shown=
wait_for() {
    local text=$1 i
    for ((i = 0; i < polls; i++)); do
        shown=$(screen)
        if grep -qF -- "$text" <<<"$shown"; then
            return 0
        fi
        sleep 0.2
    done
    return 1
}

tmux_ new-session -d -s try -x 200 -y 50 "$command" \; set-option -g remain-on-exit on

# The status line of zhengce.lua shows [zhengce] once the server is attached.
if ! wait_for '[zhengce]'; then
    echo "$0: the server did not attach; the screen:" >&2
    printf '%s\n' "$shown"
    cat "$tmp"/cache/nvim/lsp.log "$tmp"/state/nvim/lsp.log 2>/dev/null >&2 || true
    exit 1
fi

if grep -qF -- "$expected" <<<"$shown"; then
    echo "$0: $expected is on the screen before the typo" >&2
    printf '%s\n' "$shown"
    exit 1
fi

# The typo: to category 3's condition by a search, to its last word, and `cw`.
tmux_ send-keys -t try -l '/person.dibao and registered_unemployed'
tmux_ send-keys -t try Enter
tmux_ send-keys -t try '$' b
tmux_ send-keys -t try -l 'cwregisterd_unemployed'
tmux_ send-keys -t try Escape

# The message, under the line as virtual text; else in the float `gl` opens.
if ! wait_for "$expected"; then
    tmux_ send-keys -t try -l ':lua vim.diagnostic.open_float()'
    tmux_ send-keys -t try Enter
    wait_for "$expected" || true
fi

printf '%s\n' "$shown"
if grep -qF -- "$expected" <<<"$shown"; then
    echo "try.sh: the diagnostic's Chinese message ($expected) is on the screen"
    tmux_ send-keys -t try Escape
    tmux_ send-keys -t try -l ':qa!'
    tmux_ send-keys -t try Enter
    exit 0
fi
echo "try.sh: $expected is not on the screen" >&2
cat "$tmp"/cache/nvim/lsp.log "$tmp"/state/nvim/lsp.log 2>/dev/null >&2 || true
exit 1
