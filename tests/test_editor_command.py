"""Opening the file at a line in the user's editor: the commands built, never run."""

import pytest

from viewer.files.editor_command import (
    CHOICES,
    default_template,
    editor_command,
    needs_terminal,
    resolve_command,
    terminal_wrap,
)

FILE = "/home/ada/My Notes/events.yaml"


def command(editor: str, line: int = 12, column: int = 5) -> list[str]:
    template = default_template({"EDITOR": editor})
    assert template is not None
    return editor_command(template, FILE, line, column)


@pytest.mark.parametrize(("editor", "expected"), [
    ("code", ["code", "-g", f"{FILE}:12:5"]),
    ("codium", ["codium", "-g", f"{FILE}:12:5"]),
    ("vim", ["vim", "+12", FILE]),
    ("nvim", ["nvim", "+12", FILE]),
    ("vi", ["vi", "+12", FILE]),
    ("nano", ["nano", "+12,5", FILE]),
    ("emacs", ["emacs", "+12:5", FILE]),
    ("emacsclient", ["emacsclient", "+12:5", FILE]),
    ("micro", ["micro", "+12:5", FILE]),
    ("kak", ["kak", "+12:5", FILE]),
    ("hx", ["hx", f"{FILE}:12:5"]),
    ("subl", ["subl", f"{FILE}:12:5"]),
    ("gedit", ["gedit", "+12", FILE]),
    ("kate", ["kate", "-l", "12", "-c", "5", FILE]),
    ("idea", ["idea", "--line", "12", FILE]),
    ("pycharm", ["pycharm", "--line", "12", FILE]),
    ("zed", ["zed", f"{FILE}:12:5"]),
    ("mate", ["mate", "-l", "12", FILE]),
    ("leafpad", ["leafpad", FILE]),
])
def test_each_known_editor_gets_its_go_to_line_syntax(editor, expected):
    assert command(editor) == expected


def test_an_editor_given_by_path_is_recognised_and_kept():
    assert command("/usr/local/bin/nvim") == ["/usr/local/bin/nvim", "+12", FILE]
    assert command("/opt/idea/bin/idea64")[:3] == ["/opt/idea/bin/idea64", "--line", "12"]


def test_arguments_in_editor_are_kept():
    assert command("code --wait") == ["code", "--wait", "-g", f"{FILE}:12:5"]
    assert command("emacsclient -nw") == ["emacsclient", "-nw", "+12:5", FILE]


def test_an_editor_path_with_spaces_stays_one_argument():
    editor = "'/opt/My Editor/bin/subl' --new-window"
    assert command(editor) == ["/opt/My Editor/bin/subl", "--new-window", f"{FILE}:12:5"]


def test_visual_wins_over_editor():
    assert default_template({"VISUAL": "code", "EDITOR": "vim"}) == "code -g {file}:{line}:{column}"
    assert default_template({"VISUAL": "  ", "EDITOR": "vim"}) == "vim +{line} {file}"


def test_no_editor_variable_gives_none():
    assert default_template({}) is None
    assert default_template({"EDITOR": "", "VISUAL": ""}) is None


def test_a_user_template_with_spaces_in_the_path():
    argv = editor_command("myedit --goto {file}:{line}:{column}", FILE, 3, 9)
    assert argv == ["myedit", "--goto", f"{FILE}:3:9"]


def test_placeholders_inside_the_file_name_are_not_substituted_again():
    argv = editor_command("ed {file} {line}", "/tmp/{line}.yaml", 7)
    assert argv == ["ed", "/tmp/{line}.yaml", "7"]


def test_a_template_without_file_gets_it_appended():
    assert editor_command("gnome-text-editor", FILE, 1) == ["gnome-text-editor", FILE]


def test_a_broken_template_is_a_value_error():
    with pytest.raises(ValueError):
        editor_command("code 'unclosed", FILE, 1)
    with pytest.raises(ValueError):
        editor_command("   ", FILE, 1)


@pytest.mark.parametrize(("editor", "terminal"), [
    ("vim", True), ("nvim", True), ("nano", True), ("micro", True), ("hx", True),
    ("kak", True), ("emacs -nw", True), ("emacsclient -t", True), ("emacs", False),
    ("gvim", False), ("vim -g", False), ("code --wait", False), ("kate", False),
    ("subl", False),
])
def test_needs_terminal(editor, terminal):
    template = default_template({"EDITOR": editor})
    assert template is not None
    assert needs_terminal(template) is terminal


def test_terminal_wrap_prefers_terminal_variable():
    def which(name):
        return f"/usr/bin/{name}"

    argv = ["vim", "+3", FILE]
    assert terminal_wrap(argv, {"TERMINAL": "kitty"}, which) == ["kitty", *argv]
    assert terminal_wrap(argv, {"TERMINAL": "alacritty"}, which) == ["alacritty", "-e", *argv]


def test_terminal_wrap_falls_back_to_what_is_on_path():
    argv = ["nano", "+3,1", FILE]
    only = {"gnome-terminal": "/usr/bin/gnome-terminal", "xterm": "/usr/bin/xterm"}
    # a $TERMINAL that is not installed is skipped
    wrapped = terminal_wrap(argv, {"TERMINAL": "nonesuch"}, only.get)
    assert wrapped == ["/usr/bin/gnome-terminal", "--", *argv]
    assert terminal_wrap(argv, {}, {"xterm": "/usr/bin/xterm"}.get) == [
        "/usr/bin/xterm", "-e", *argv]
    first = {"x-terminal-emulator": "/usr/bin/x-terminal-emulator", **only}
    assert terminal_wrap(argv, {}, first.get)[:2] == ["/usr/bin/x-terminal-emulator", "-e"]


def test_terminal_wrap_without_any_terminal_raises():
    with pytest.raises(FileNotFoundError):
        terminal_wrap(["vim", FILE], {}, lambda name: None)


def test_resolve_uses_the_setting_over_the_environment():
    argv = resolve_command("subl {file}:{line}:{column}", {"EDITOR": "vim"}, FILE, 3, 2)
    assert argv == ["subl", f"{FILE}:3:2"]


def test_resolve_automatic_follows_visual_and_wraps_terminal_editors():
    argv = resolve_command("", {"VISUAL": "nvim", "TERMINAL": "xterm"}, FILE, 40,
                           which=lambda name: f"/usr/bin/{name}")
    assert argv == ["xterm", "-e", "nvim", "+40", FILE]


def test_resolve_without_any_editor_means_the_system_opener():
    assert resolve_command("  ", {}, FILE, 1) is None


@pytest.mark.parametrize(("label", "template"), CHOICES)
def test_every_offered_choice_opens_the_file_at_the_line(label, template):
    argv = editor_command(template, FILE, 12, 5)
    assert FILE in argv or any(arg.startswith(FILE + ":12") for arg in argv), label
    assert any("12" in arg for arg in argv if arg != FILE), label
