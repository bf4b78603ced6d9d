"""Moving a history in and out: the JSON backup format, CSV for spreadsheets, iCalendar.

The JSON export holds everything and is what ``import`` reads back; its shape is documented
in README.md. Every imported row is validated with pydantic before anything is written, and a
file with one bad row imports nothing.

``export`` writes (JSON, CSV, iCalendar), ``read`` validates a file to import (JSON, CSV) and
``models`` holds the pydantic models it validates with; the names below are the public ones.
"""

from followup.transfer.export import (
    CSV_COLUMNS,
    FORMAT,
    VERSION,
    export_csv,
    export_document,
    export_ics,
    export_json,
    inert,
)
from followup.transfer.read import MAX_BYTES, ImportError_, open_import, read_csv, read_json

__all__ = [
    "CSV_COLUMNS",
    "FORMAT",
    "MAX_BYTES",
    "VERSION",
    "ImportError_",
    "export_csv",
    "export_document",
    "export_ics",
    "export_json",
    "inert",
    "open_import",
    "read_csv",
    "read_json",
]
