"""Reference for `followup add`: insert the same row with SQLModel into an SQLite file.

    python reference_add.py STORE.db
"""

import sys
from datetime import datetime, timezone

from sqlmodel import Field, Session, SQLModel, create_engine


class Interview(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    company: str
    role: str
    at: datetime
    round: int = 1
    created_at: datetime
    updated_at: datetime


engine = create_engine(f"sqlite:///{sys.argv[1]}")
SQLModel.metadata.create_all(engine)
now = datetime.now(timezone.utc)
with Session(engine) as session:
    row = Interview(company="Acme", role="Support Engineer", at=now, created_at=now, updated_at=now)
    session.add(row)
    session.commit()
    print(f"Added interview {row.id}")
