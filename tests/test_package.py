"""The package as users install it: the wheel carries the templates folder."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_ships_the_templates_folder(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            str(ROOT),
            "-w",
            str(tmp_path),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("followup-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    shipped = {n for n in names if n.startswith("followup/templates/")}
    expected = {
        "followup/" + str(p.relative_to(ROOT))
        for p in (ROOT / "templates").rglob("*")
        if p.is_file()
    }
    assert expected and expected <= shipped
    assert "followup/cli/__init__.py" in names
    for lang in ("zh", "hi"):  # the interface's compiled catalogs
        assert f"followup/locale/{lang}/LC_MESSAGES/followup.mo" in names
