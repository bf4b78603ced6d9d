"""Write reference_bare.py: a bare Typer app with exactly followup's commands, arguments,
options and help texts, configured as followup's app is, and importing nothing else.

    python benchmarks/make_reference_bare.py     # after changing followup's commands
"""

from __future__ import annotations

from pathlib import Path

import typer.main

from followup.cli import app

def annotation(param) -> str:
    """The parameter's Python type as Typer saw it (enums become plain strings)."""
    declared = param.type_descriptor.annotation
    if getattr(param, "multiple", False):
        return "list[str] | None"
    base = {bool: "bool", int: "int"}.get(declared, "str")
    return base if param.required or base == "bool" else f"{base} | None"


def function(name: str, command, prefix: str) -> list[str]:
    args = []
    for param in command.params:
        if param.name in ("help",) or param.param_type_name not in ("option", "argument"):
            continue
        kind = "Option" if param.param_type_name == "option" else "Argument"
        decls = ", ".join(repr(o) for o in param.opts) if kind == "Option" else ""
        help_text = repr(getattr(param, "help", None) or "")
        marker = f"typer.{kind}({decls}{', ' if decls else ''}help={help_text})"
        default = "" if param.required else (" = False" if annotation(param) == "bool" else " = None")
        args.append(f"    {param.name}: Annotated[{annotation(param)}, {marker}]{default},")
    body = [f"@{prefix}.command({name!r})", f"def {prefix}_{name.replace('-', '_')}("]
    body += args + [") -> None:", f"    {(command.help or '')!r}", "", ""]
    return body


def main() -> None:
    group = typer.main.get_command(app)
    lines = [
        '"""Reference for --help and completion: a bare Typer app with followup\'s commands,',
        'options and help texts (written by make_reference_bare.py), importing nothing else."""',
        "",
        "from typing import Annotated",
        "",
        "import typer",
        "",
        f"app = typer.Typer(help={group.help!r}, rich_markup_mode=None, no_args_is_help=True,",
        "                  context_settings={'help_option_names': ['-h', '--help']})",
        "",
        "",
    ]
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            lines += [f"{name} = typer.Typer(help={command.help!r}, rich_markup_mode=None)",
                      f"app.add_typer({name}, name={name!r})", "", ""]
            for sub_name, sub in command.commands.items():
                lines += function(sub_name, sub, name)
        else:
            lines += function(name, command, "app")
    lines += ['if __name__ == "__main__":', '    app(prog_name="followup")', ""]
    (Path(__file__).parent / "reference_bare.py").write_text("\n".join(lines))


if __name__ == "__main__":
    main()
