"""The ``followup`` command line: parse arguments, call the core, render the answer.

One module per area a user would name, each a Typer app whose commands join this one:

- :mod:`~followup.cli.recording`: add, edit, rm
- :mod:`~followup.cli.morning`: due, list, show, done, result
- :mod:`~followup.cli.history`: undo, log, forget
- :mod:`~followup.cli.letters`: draft, send
- :mod:`~followup.cli.learning`: reflect, lessons, prep, stats
- :mod:`~followup.cli.data`: export, import, backup
- :mod:`~followup.cli.setup`: profile, path, templates

They share :mod:`~followup.cli.options` (choices and option types), :mod:`~followup.cli.prompt`,
:mod:`~followup.cli.files`, :mod:`~followup.cli.guards` and :mod:`~followup.cli.output`, and
never import each other or this module. No SQL and no date arithmetic here. Heavy modules
(the store, Rich) are imported inside the commands that need them, so ``--help`` and shell
completion start fast.
"""

import os
import sys
from typing import Annotated, Any

import typer
from typer._completion_shared import _completion_scripts
from typer.core import TyperGroup

from followup import __version__
from followup.cli import data, history, learning, letters, morning, recording, setup
from followup.cli.output import fail
from followup.context import close_stores, stdout_closed, unexpected
from followup.errors import FollowupError


class _Group(TyperGroup):
    """The one place where a :class:`FollowupError` becomes ``Error: ...`` and an exit code."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FollowupError as error:
            fail(str(error), error.exit_code)
        except BrokenPipeError:
            raise typer.Exit(stdout_closed()) from None
        except Exception as error:  # a bug: say so plainly; FOLLOWUP_DEBUG=1 shows the traceback
            if os.environ.get("FOLLOWUP_DEBUG") or isinstance(
                error, (typer.Exit, typer.Abort, typer.TyperException)
            ):
                raise
            fail(unexpected(error))
        finally:
            close_stores()


app = typer.Typer(
    name="followup",
    help=(
        "Keep track of interview follow-ups: a thank-you within two days, a status check after "
        "a week, a prompt reply to an invitation.\n\n"
        "Daily use: `followup add` after an interview, `followup due` each morning, "
        "`followup done thanks ID` once sent."
    ),
    cls=_Group,
    rich_markup_mode=None,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
for area in (recording, morning, history, letters, learning, data, setup):
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
            help="Print the version and exit.",
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
        stdout_closed()  # nor the rest of it at exit
        sys.stderr.write(f"Error: cannot write the output: {error.strerror or error}\n")
        sys.exit(1)
