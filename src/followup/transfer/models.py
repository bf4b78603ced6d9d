"""The shape of an imported file, as pydantic models: the JSON backup and a spreadsheet row.

:mod:`followup.transfer.read` validates every row with these before anything is written.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints, field_validator

from followup import fields, zones

# Constraints checked inside pydantic-core (no Python call per value): 100k interviews
# validate in a second or two. They say what followup.fields says, for imported files.
_LINE = r"^[^\x00-\x1f\x7f\x85\u2028\u2029]*$"  # and no line break of fields.LINE_BREAKS
_TEXT = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"
OneLine = Annotated[
    str,
    StringConstraints(
        strip_whitespace=True, min_length=1, max_length=fields.MAX_SHORT, pattern=_LINE
    ),
]
Name = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=fields.MAX_SHORT, pattern=_LINE)
]
Email = Annotated[
    str, StringConstraints(strip_whitespace=True, max_length=254, pattern=fields.EMAIL_PATTERN)
]
Text = Annotated[str, StringConstraints(max_length=fields.MAX_LONG, pattern=_TEXT)]


class PersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name = ""
    email: Email


class TopicForIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: Email
    topic: Text


class EventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    kind: Literal["done", "result"]
    name: Literal[
        "reflect",
        "thanks",
        "check",
        "reply",
        "decline",  # done
        "invited",
        "offer",
        "rejected",
        "withdrawn",  # result
    ]
    at: AwareDatetime
    created_at: AwareDatetime


class QuestionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    question: Annotated[
        str, StringConstraints(min_length=1, max_length=fields.MAX_LONG, pattern=_TEXT)
    ]
    answer: Text = ""


class ReflectionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    went_well: Text | None = None
    improve: Text | None = None
    idea: Text | None = None
    strength: Text | None = None
    questions: list[QuestionIn] = []
    created_at: AwareDatetime
    updated_at: AwareDatetime


class InterviewIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: int | None = Field(default=None, ge=1, lt=2**62)
    uid: str | None = Field(default=None, pattern=r"^[0-9a-f]{32}$")
    company: OneLine
    role: OneLine
    at: AwareDatetime
    round: int = Field(default=1, ge=1, le=99)
    decision_by: date | None = None
    lang: Literal["en", "zh", "hi"] | None = None
    zone: str | None = Field(default=None, max_length=64)
    notes: Text | None = None
    topic: Text | None = None
    topic_for: list[TopicForIn] = []
    strength: Text | None = None
    idea: Text | None = None
    result: Literal["invited", "offer", "rejected", "withdrawn"] | None = None
    result_at: AwareDatetime | None = None
    created_at: AwareDatetime
    updated_at: AwareDatetime
    contacts: list[PersonIn] = []
    recruiters: list[PersonIn] = []
    events: list[EventIn] = []
    reflection: ReflectionIn | None = None

    @field_validator("zone")
    @classmethod
    def _held_in(cls, value: str | None) -> str | None:
        if value and zones.offset_zone(value) is None:
            zones.named_zone(value)
        return value or None


class ProfileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Name = ""
    email: Annotated[
        str, StringConstraints(max_length=254, pattern=f"^$|{fields.EMAIL_PATTERN}")
    ] = ""
    phone: Annotated[str, StringConstraints(max_length=40, pattern=r"^[0-9+()./\- x]*$")] = ""
    timezone: str = ""
    lang: Literal["en", "zh", "hi"] = "en"
    locale: Literal["", "en_GB", "en_US", "en_IN", "zh_CN", "hi_IN"] = ""
    thanks_days: int = Field(default=2, ge=1, le=365)
    check_days: int = Field(default=7, ge=1, le=365)
    reply_days: int = Field(default=1, ge=1, le=365)
    reflect_days: int = Field(default=1, ge=1, le=365)
    reflect: bool = True
    smtp_host: Name = ""
    smtp_port: int = Field(default=0, ge=0, le=65535)
    smtp_user: Name = ""
    smtp_security: Literal["starttls", "ssl", "none"] = "starttls"

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        if value:
            zones.named_zone(value)
        return value


class ExportIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    format: Literal["followup-export"]
    version: Literal[1]
    exported_at: AwareDatetime
    profile: ProfileIn
    interviews: list[InterviewIn]


class CsvRowIn(BaseModel):
    """One spreadsheet row; dates are read in the user's zone (passed as validation context)."""

    model_config = ConfigDict(extra="forbid")
    company: str
    role: str
    at: str
    round: int = Field(default=1, ge=1, le=99)
    contact: str = ""
    recruiter: str = ""
    decision_by: str = ""
    lang: Literal["en", "zh", "hi", ""] = ""
    notes: str = ""
    topic: str = ""
    strength: str = ""
    idea: str = ""
    result: Literal["invited", "offer", "rejected", "withdrawn", ""] = ""
    result_at: str = ""
    thanks_at: str = ""

    @field_validator("company", "role")
    @classmethod
    def _one_line(cls, value: str) -> str:
        return fields.one_line(value)
