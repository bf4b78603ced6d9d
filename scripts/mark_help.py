"""Mark the help of Typer commands and options for translation: ``python scripts/mark_help.py
src/followup/cli/*.py``.

Wraps every ``help="..."`` literal in ``_()``, and moves the docstring of each function
decorated with ``@app.command(...)`` into ``help=_(...)`` on the decorator (Typer reads the
docstring otherwise, which gettext cannot reach). The English --help stays the same; run
``ruff format``, then ``python scripts/catalogs.py``. An f-string help is reported, not changed.
"""

import ast
import io
import sys
import tokenize
from pathlib import Path


def wrap_help_kwargs(src):
    toks = list(tokenize.generate_tokens(io.StringIO(src).readline))
    lines = src.splitlines(keepends=True)
    offs = [0]
    for line in lines:
        offs.append(offs[-1] + len(line))

    def pos(rc):
        return offs[rc[0] - 1] + rc[1]

    inserts = []
    skipped = []
    for i, t in enumerate(toks):
        if (
            t.type == tokenize.NAME
            and t.string == "help"
            and i + 2 < len(toks)
            and toks[i + 1].string == "="
        ):
            j = i + 2
            while toks[j].type in (tokenize.NL, tokenize.COMMENT):
                j += 1
            if toks[j].type != tokenize.STRING:
                if toks[j].string != "_":
                    skipped.append((t.start, toks[j].string))
                continue
            k = j
            last = j
            while True:
                k += 1
                while toks[k].type in (tokenize.NL, tokenize.COMMENT):
                    k += 1
                if toks[k].type == tokenize.STRING:
                    last = k
                else:
                    break
            group = toks[j : last + 1]
            if any(
                g.type == tokenize.STRING and g.string.lstrip("rbRB").startswith(("f", "F"))
                for g in group
            ):
                skipped.append((t.start, "f-string"))
                continue
            if toks[k].string not in (",", ")"):
                skipped.append((t.start, "expr " + toks[k].string))
                continue
            inserts.append((pos(toks[j].start), "_("))
            inserts.append((pos(toks[last].end), ")"))
    for p, text in sorted(inserts, reverse=True):
        src = src[:p] + text + src[p:]
    return src, skipped


def literal(text, indent):
    paras = text.split("\n")
    out = []
    for n, line in enumerate(paras):
        piece = line + ("\n" if n < len(paras) - 1 else "")
        # split long pieces by words ~ 80 chars
        while len(piece) > 80:
            cut = piece.rfind(" ", 0, 80)
            if cut <= 0:
                break
            out.append(piece[: cut + 1])
            piece = piece[cut + 1 :]
        out.append(piece)
    out = [o for o in out if o]
    return ("\n" + indent).join(dq(o) for o in out)


def dq(s):
    r = repr(s)
    if r.startswith("'") and '"' not in s:
        r = '"' + r[1:-1].replace("\\'", "'") + '"'
    return r


def move_docstrings(src):
    tree = ast.parse(src)
    lines = src.splitlines(keepends=True)
    edits = []  # (start_line, end_line, replacement lines) applied bottom-up
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        decs = [
            d
            for d in node.decorator_list
            if isinstance(d, ast.Call)
            and isinstance(d.func, ast.Attribute)
            and d.func.attr == "command"
        ]
        if not decs:
            continue
        doc = ast.get_docstring(node, clean=True)
        if not doc or not node.body or not isinstance(node.body[0], ast.Expr):
            continue
        dec = decs[0]
        if any(k.arg == "help" for k in dec.keywords):
            continue
        ds = node.body[0]
        edits.append(("doc", ds.lineno, ds.end_lineno, None))
        edits.append(("dec", dec, doc, None))

    # apply from bottom
    def key(e):
        return e[1] if e[0] == "doc" else e[1].lineno

    for e in sorted(edits, key=key, reverse=True):
        if e[0] == "doc":
            del lines[e[1] - 1 : e[2]]
        else:
            dec, doc = e[1], e[2]
            # decorator on a single line assumed
            assert dec.lineno == dec.end_lineno, dec.lineno
            line = lines[dec.lineno - 1]
            end = dec.end_col_offset - 1  # position of ')'
            assert line[end] == ")"
            indent = " " * (dec.col_offset + 8)
            lit = literal(doc, indent)
            sep = ", " if dec.args or dec.keywords else ""
            new = (
                line[:end]
                + sep
                + "help=_(\n"
                + indent
                + lit
                + "\n"
                + " " * (dec.col_offset + 4)
                + ")"
                + line[end:]
            )
            lines[dec.lineno - 1] = new
    return "".join(lines)


for path in map(Path, sys.argv[1:]):
    src = path.read_text(encoding="utf-8")
    src = move_docstrings(src)
    src, skipped = wrap_help_kwargs(src)
    for s in skipped:
        print(path, "skipped", s)
    changed = src != path.read_text(encoding="utf-8")
    if changed and "from followup.i18n import" not in src:
        src = src.replace("\nimport typer\n", "\nimport typer\n\nfrom followup.i18n import _\n", 1)
    path.write_text(src, encoding="utf-8")
