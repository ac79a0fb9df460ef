"""The command that opens a file at a line in the user's editor; nothing here starts it.

A template is a command line with ``{file}``, ``{line}`` and ``{column}`` placeholders, e.g.
``code -g {file}:{line}:{column}``. It is split like a POSIX shell would (so quote a program
path with spaces in it) and the placeholders are filled in per argument, so a file name with
spaces stays one argument. :func:`default_template` derives one from ``$VISUAL``/``$EDITOR``.
Terminal editors (vim, nano, ...) need a terminal window: see :func:`needs_terminal` and
:func:`terminal_wrap`.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
from collections.abc import Callable, Mapping

_PLACEHOLDER = re.compile(r"\{(file|line|column)\}")
_SUFFIXES = (".exe", ".cmd", ".bat", ".sh", ".app")

# The arguments after the editor's own (from $EDITOR), by the program's base name.
_GOTO_COLON = "{file}:{line}:{column}"
_PRESETS: dict[str, str] = {
    **dict.fromkeys(("code", "code-insiders", "code-oss", "codium", "vscodium"),
                    "-g " + _GOTO_COLON),
    **dict.fromkeys(("vim", "nvim", "vi", "gvim", "mvim", "nvim-qt", "vim.basic", "vim.tiny",
                     "vim.nox", "vim.gtk3"), "+{line} {file}"),
    "nano": "+{line},{column} {file}",
    **dict.fromkeys(("emacs", "emacsclient", "micro", "kak"), "+{line}:{column} {file}"),
    **dict.fromkeys(("hx", "helix", "subl", "sublime_text", "zed", "zeditor"), _GOTO_COLON),
    "gedit": "+{line} {file}",
    **dict.fromkeys(("kate", "kwrite"), "-l {line} -c {column} {file}"),
    **dict.fromkeys(("idea", "pycharm", "charm", "webstorm", "clion", "goland", "phpstorm",
                     "rubymine", "rider"), "--line {line} {file}"),
    "mate": "-l {line} {file}",
}

# Editors that draw in a terminal; emacs and emacsclient only with one of _EMACS_TTY.
_TERMINAL_EDITORS = frozenset((
    "vim", "nvim", "vi", "vim.basic", "vim.tiny", "vim.nox", "nano", "pico", "micro", "hx",
    "helix", "kak", "joe", "jed", "mg", "ne", "mcedit", "vis"))
_EMACS_TTY = frozenset(("-nw", "-t", "--tty", "--no-window-system"))

# How a terminal emulator is told the command to run (the default is ``-e cmd args...``).
_RUN_FLAGS: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("gnome-terminal", "kgx", "ptyxis"), ("--",)),
    **dict.fromkeys(("xfce4-terminal", "terminator", "mate-terminal"), ("-x",)),
    **dict.fromkeys(("kitty", "foot", "footclient"), ()),
    "wezterm": ("start", "--"),
}
TERMINALS = ("x-terminal-emulator", "gnome-terminal", "konsole", "xfce4-terminal", "kitty",
             "alacritty", "foot", "wezterm", "xterm")

Which = Callable[[str], str | None]

# What the Preferences dialog offers, besides "automatic" (from $VISUAL/$EDITOR).
CHOICES: tuple[tuple[str, str], ...] = (
    ("Visual Studio Code", "code -g {file}:{line}:{column}"),
    ("VSCodium", "codium -g {file}:{line}:{column}"),
    ("Vim (in a terminal)", "vim +{line} {file}"),
    ("Neovim (in a terminal)", "nvim +{line} {file}"),
    ("GNU Emacs", "emacs +{line}:{column} {file}"),
    ("nano (in a terminal)", "nano +{line},{column} {file}"),
    ("Sublime Text", "subl {file}:{line}:{column}"),
    ("Zed", "zed {file}:{line}:{column}"),
    ("gedit", "gedit +{line} {file}"),
    ("Kate", "kate -l {line} -c {column} {file}"),
    ("PyCharm", "pycharm --line {line} {file}"),
)


def editor_command(template: str, file: str, line: int, column: int = 1) -> list[str]:
    """``template`` as an argv with the placeholders filled in.

    A template without ``{file}`` gets the file appended as the last argument.
    Raises ValueError for a template that is empty or has unbalanced quotes.
    """
    argv = _split(template)
    if not argv:
        raise ValueError("the editor command is empty")
    values = {"file": file, "line": str(max(1, line)), "column": str(max(1, column))}
    result = [_PLACEHOLDER.sub(lambda m: values[m.group(1)], arg) for arg in argv]
    if not any("{file}" in arg for arg in argv):
        result.append(file)
    return result


def resolve_command(setting: str, environ: Mapping[str, str], file: str, line: int,
                    column: int = 1, which: Which = shutil.which) -> list[str] | None:
    """The argv that opens ``file`` at ``line`` for the user's choice ``setting``.

    An empty ``setting`` means automatic: from ``$VISUAL``/``$EDITOR``. None means no
    editor is configured: open the file with the system's default application instead.
    Terminal editors are wrapped in a terminal window. Raises ValueError for a broken
    template and FileNotFoundError when a terminal editor has no terminal to run in.
    """
    template = setting.strip() or default_template(environ)
    if template is None:
        return None
    argv = editor_command(template, file, line, column)
    return terminal_wrap(argv, environ, which) if needs_terminal(template) else argv


def default_template(environ: Mapping[str, str]) -> str | None:
    """A template for ``$VISUAL`` (else ``$EDITOR``), keeping its arguments; None if unset.

    Known editors get their go-to-line syntax; others get ``{editor} {file}``.
    """
    value = (environ.get("VISUAL") or "").strip() or (environ.get("EDITOR") or "").strip()
    if not value:
        return None
    try:
        argv = _split(value)
    except ValueError:
        argv = value.split()
    if not argv:
        return None
    preset = _PRESETS.get(program_name(argv[0]), "{file}")
    return f"{shlex.join(argv)} {preset}"


def needs_terminal(template: str) -> bool:
    """Whether the editor in ``template`` runs inside a terminal rather than a window."""
    try:
        argv = _split(template)
    except ValueError:
        return False
    if not argv:
        return False
    name, args = program_name(argv[0]), set(argv[1:])
    if name in ("emacs", "emacsclient"):
        return bool(args & _EMACS_TTY)
    if name.startswith("vim") and "-g" in args:  # "vim -g" is gvim
        return False
    return name in _TERMINAL_EDITORS


def terminal_wrap(argv: list[str], environ: Mapping[str, str],
                  which: Which = shutil.which) -> list[str]:
    """``argv`` run inside a terminal window: ``$TERMINAL`` or the first one on PATH.

    Raises FileNotFoundError (an OSError, as starting a missing program would) when no
    terminal emulator is found.
    """
    terminal = _split_quietly((environ.get("TERMINAL") or "").strip())
    if terminal and (os.path.isabs(terminal[0]) or which(terminal[0])):
        return [*terminal, *_run_flags(program_name(terminal[0]), argv)]
    for name in TERMINALS:
        found = which(name)
        if found:
            return [found, *_run_flags(name, argv)]
    raise FileNotFoundError("no terminal emulator found: set $TERMINAL to one")


def program_name(program: str) -> str:
    """``/usr/bin/nvim`` → ``nvim``; ``Code.exe`` → ``code``; ``idea64`` → ``idea``."""
    name = os.path.basename(program).lower()
    for suffix in _SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
    return name[:-2] if name.endswith("64") and name[:-2] in _PRESETS else name


def _run_flags(terminal: str, argv: list[str]) -> list[str]:
    if terminal == "tilix":  # its -e takes the whole command as one string
        return ["-e", shlex.join(argv)]
    return [*_RUN_FLAGS.get(terminal, ("-e",)), *argv]


def _split(text: str) -> list[str]:
    return shlex.split(text, comments=False, posix=True)


def _split_quietly(text: str) -> list[str]:
    try:
        return _split(text)
    except ValueError:
        return text.split()
