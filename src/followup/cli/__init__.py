"""The ``followup`` command line: parse arguments, call the core, render the answer.

One module per area a user would name, each a Typer app whose commands join this one:

- :mod:`~followup.cli.recording`: add, edit, rm
- :mod:`~followup.cli.morning`: due, list, show, done, result
- :mod:`~followup.cli.history`: undo, log, forget
- :mod:`~followup.cli.letters`: draft, send
- :mod:`~followup.cli.learning`: reflect, lessons, prep, stats
- :mod:`~followup.cli.data`: export, import, backup
- :mod:`~followup.cli.setup`: profile, path, templates
- :mod:`~followup.cli.reminders`: remind (and its daily run)
- :mod:`~followup.cli.inbox`: inbox (replies found and recorded)

They share :mod:`~followup.cli.options` (choices and option types), :mod:`~followup.cli.prompt`,
:mod:`~followup.cli.files`, :mod:`~followup.cli.guards` and :mod:`~followup.cli.output`, and
never import each other or this module. No SQL and no date arithmetic here. Heavy modules
(the store, Rich) are imported inside the commands that need them, so ``--help`` and shell
completion start fast.
"""

import contextlib
import os
import sys
from typing import Annotated, Any

import typer
import typer.core as typer_core
from typer._completion_shared import _completion_scripts
from typer.core import TyperGroup

from followup import __version__
from followup.cli import (
    data,
    history,
    inbox,
    learning,
    letters,
    morning,
    recording,
    reminders,
    setup,
)
from followup.cli.output import fail
from followup.context import (
    UsageError,
    cannot_write_output,
    close_stores,
    output_failed,
    stdout_closed,
    unexpected,
)
from followup.errors import FollowupError
from followup.i18n import N_, _

INTERRUPTED = 130  # Ctrl-C (or Ctrl-D at a prompt): what shells give a program stopped by SIGINT


HELP_OPTION_NAMES = ["-h", "--help"]


class _Group(TyperGroup):
    """The one place where a :class:`FollowupError` becomes ``Error: ...`` and an exit code,
    and so do Click's own errors (one line, whatever Click or pydantic wrote) and a prompt
    left with Ctrl-C or Ctrl-D."""

    def __init__(self, *args: Any, **extra: Any) -> None:
        super().__init__(*args, **extra)
        waiting = [self, *self.commands.values()]
        while waiting:  # every command, those of sub-groups (templates) too
            command = waiting.pop()
            waiting += getattr(command, "commands", {}).values()
            for param in command.params:
                _plain_metavar(param)
                _text_only(param)
                _translate_typer_words(param)
            _translate_help_option(command)

    def get_params(self, ctx: Any) -> Any:
        params = super().get_params(ctx)
        for param in params:  # Typer's completion options join the group after __init__
            _translate_typer_words(param)
        return params

    def main(self, *args: Any, **extra: Any) -> Any:  # type: ignore[override]
        from typer._click.exceptions import ClickException, NoArgsIsHelpError

        standalone_mode = extra.pop("standalone_mode", True)
        try:
            code = super().main(*args, standalone_mode=False, **extra)  # type: ignore[misc]
        except NoArgsIsHelpError as error:  # `followup` alone: the help
            error.show()
            code = error.exit_code
        except ClickException as error:
            sys.stderr.write(f"Error: {one_line(error)}\n")
            code = error.exit_code
        except typer.Abort:
            sys.stderr.write("\nError: " + _("interrupted; nothing more was recorded.") + "\n")
            code = INTERRUPTED
        if not standalone_mode:
            return code
        sys.stdout.flush()  # a full disk is noticed here, not in Python's flush at exit
        sys.exit(code if isinstance(code, int) else 0)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FollowupError as error:
            fail(str(error), error.exit_code)
        except BrokenPipeError:
            raise typer.Exit(stdout_closed()) from None
        except Exception as error:  # a bug: say so plainly; FOLLOWUP_DEBUG=1 shows the traceback
            if output_failed(error):
                raise  # main() says it: stdout cannot take the output
            if isinstance(error, OSError) and error.filename is not None:
                # a file the user named: a name too long, a loop of links, no permission
                name = os.fsdecode(error.filename)
                fail(
                    _("cannot use {name}: {reason}; nothing was changed.").format(
                        name=name[:200], reason=error.strerror or error
                    )
                )
            if os.environ.get("FOLLOWUP_DEBUG") or isinstance(
                error, (typer.Exit, typer.Abort, typer.TyperException)
            ):
                raise
            fail(unexpected(error))
        finally:
            close_stores()


# Typer's own words in --help, in our catalogs: the help option and completion options are
# given their translation above; the section titles and "[default: ...]" come from gettext
# calls in typer.core, which are pointed at our catalog below.
TYPER_WORDS = (
    N_("Show this message and exit."),
    N_("Install completion for the current shell."),
    N_("Show completion for the current shell, to copy it or customize the installation."),
)
_TYPER_CORE_WORDS = (
    N_("Options"),
    N_("Commands"),
    N_("Arguments"),
    N_("default: {default}"),
    N_("required"),
    N_("env var: {var}"),
)
typer_core._ = _  # type: ignore[attr-defined]


def _translate_typer_words(param: Any) -> None:
    if getattr(param, "help", None) in TYPER_WORDS:
        param.help = _(param.help)


def _translate_help_option(command: Any) -> None:
    from types import SimpleNamespace

    names = SimpleNamespace(help_option_names=HELP_OPTION_NAMES)
    option = command.get_help_option(names)  # made once and kept by the command
    if option is not None and option.help in TYPER_WORDS:
        option.help = _(option.help)


def _plain_metavar(param: Any) -> None:
    """Help that names what to type, not Python's types: ``--round N``, ``--lang
    [en|zh|hi]``, ``ID``, never ``<int range>`` or ``<str>``."""
    if getattr(param, "param_type_name", "") == "argument":
        param.display_type_rich = lambda ctx: None  # the help text says what it is
        return
    if param.metavar is not None or getattr(param, "is_flag", False):
        return
    desc = param.type_descriptor
    label = "str"
    with contextlib.suppress(Exception):
        label = param.display_type(None).strip("<>")
    if desc.is_choice:
        param.metavar = "[" + "|".join(str(getattr(c, "value", c)) for c in desc.choices) + "]"
    elif "int" in label:
        param.metavar = "N"
    elif desc.is_path or "path" in label:
        param.metavar = "FILE"
    else:
        param.metavar = "TEXT"


def _text_only(param: Any) -> None:
    """Refuse an argument that is not valid UTF-8 (``-c $'Caf\\xe9'``), naming the option,
    before anything stores it: Python hands such bytes over as lone surrogates, which no
    store, letter or terminal can take. A file name may be any bytes, so it is let through."""
    if param.type_descriptor.is_path or param.metavar in ("FILE", "PATH"):
        return
    process_value = param.process_value

    def checked(ctx: Any, value: Any) -> Any:
        for text in value if isinstance(value, (list, tuple)) else [value]:
            if isinstance(text, str) and not text.isascii():
                try:
                    text.encode("utf-8")
                except UnicodeEncodeError:
                    argument = param.param_type_name == "argument"
                    name = param.metavar if argument else max(param.opts, key=len)
                    typed = repr(os.fsencode(text))[1:]
                    raise UsageError(
                        _(
                            "{name}: {typed} is not UTF-8 text; type it again in UTF-8 (check "
                            "your terminal's or locale's encoding). Nothing was changed."
                        ).format(name=name, typed=typed)
                    ) from None
        return process_value(ctx, value)

    param.process_value = checked


def one_line(error: Any) -> str:
    """Click's message (and the pydantic wording Typer passes on) as one plain line that
    names the command's help."""
    import re

    message = " ".join(error.format_message().split())
    message = message.replace("Value error, ", "")
    message = re.sub(
        r"Input should be a valid integer(, unable to parse string as an integer)?",
        _("it should be a whole number"),
        message,
    )
    message = re.sub(r"Input should be (.+)", r"it should be \1", message)
    message = re.sub(r"^Invalid value for '([^']+)': ", r"\1: ", message)
    message = re.sub(
        r"^Missing argument '([^']+)'\. Choose from: ", r"missing \1: one of ", message
    )
    message = re.sub(
        r"^Missing argument '([^']+)'\.",
        lambda m: _("missing {name}.").format(name=m.group(1)),
        message,
    )
    context = getattr(error, "ctx", None)
    if context is not None and getattr(error, "exit_code", 1) == 2:
        message = _("{message} (see `{command} --help`).").format(
            message=message.rstrip(".。।"), command=context.command_path
        )
    return message


app = typer.Typer(
    name="followup",
    help=_(
        "Keep track of interview follow-ups: a thank-you within two days, a status check after "
        "a week, a prompt reply to an invitation.\n\n"
        "Daily use: `followup add` after an interview, `followup due` each morning, "
        "`followup done thanks ID` once sent."
    ),
    cls=_Group,
    rich_markup_mode=None,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": HELP_OPTION_NAMES},
)
for area in (recording, morning, history, letters, inbox, learning, data, setup, reminders):
    app.add_typer(area.app)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"followup {__version__}")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help=_("Print the version and exit."),
        ),
    ] = False,
) -> None:
    """Keep track of interview follow-ups."""


# Typer's zsh script only calls `compdef`. `--install-completion` puts it in ~/.zfunc, where
# zsh autoloads it as the completer on the first Tab, so that Tab completed nothing. This one
# (same protocol) also completes at once when the completion system itself runs it.
_completion_scripts["zsh"] = """
#compdef %(prog_name)s

%(complete_func)s() {
  eval $(env _TYPER_COMPLETE_ARGS="${words[1,$CURRENT]}" %(autocomplete_var)s=complete_zsh \
%(prog_name)s)
}

compdef %(complete_func)s %(prog_name)s
if [[ -n ${compstate[context]-} ]]; then
  %(complete_func)s "$@"
fi
"""


def main() -> None:
    try:
        app(prog_name="followup")
    except OSError as error:  # stdout itself cannot take the output: /dev/full, a full disk
        sys.exit(cannot_write_output(error))
