"""The profile for people (a table) and for scripts (JSON, secrets masked)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from followup.render import plural

if TYPE_CHECKING:
    from rich.console import Console

    from followup import records


def profile_table(profile: records.Profile, zone_name: str, out: Console) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    unset = "[dim](not set)[/]"
    table.add_row("Name", escape(profile.name) or unset)
    table.add_row("Email", escape(profile.email) or unset)
    table.add_row("Phone", escape(profile.phone) or unset)
    table.add_row("Time zone", profile.timezone or f"[dim]system ({escape(zone_name)})[/]")
    table.add_row("Language", profile.lang)
    table.add_row("Region", profile.locale or "[dim](from the language)[/]")
    table.add_row("Thank-you within", plural(profile.thanks_days, "day"))
    table.add_row("Status check after", plural(profile.check_days, "day"))
    table.add_row("Reply within", plural(profile.reply_days, "day"))
    if profile.smtp_host:
        port = f":{profile.smtp_port}" if profile.smtp_port else ""
        login = f", login {escape(profile.smtp_user)}" if profile.smtp_user else ""
        table.add_row("SMTP", f"{escape(profile.smtp_host)}{port} ({profile.smtp_security}{login})")
    if profile.imap_host or profile.smtp_host or profile.imap_sent:
        from followup import imap

        account = imap.account(profile)
        login = f", login {escape(account.user)}" if account.user else ""
        sent = f"; copies to {escape(profile.imap_sent)}" if profile.imap_sent else ""
        table.add_row(
            "IMAP", f"{escape(account.host)}:{account.port} ({account.security}{login}){sent}"
        )
    table.add_row(
        "Reflect within",
        plural(profile.reflect_days, "day") if profile.reflect else "[dim](not listed)[/]",
    )
    from followup import channels

    table.add_row(
        "Reminders",
        "\n".join(escape(channels.mask(url)) for url in profile.notify) or unset,
    )
    out.print(table)


def profile_json(profile: records.Profile) -> dict[str, Any]:
    """``profile --json``: every field, with the secrets of the reminder channels masked."""
    from dataclasses import asdict

    from followup import channels

    shown = asdict(profile)
    shown["notify"] = [channels.mask(url) for url in profile.notify]
    return shown
