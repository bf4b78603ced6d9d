"""How ``followup profile`` looks: your details and rules as a table, and as JSON.

Kept apart from :mod:`followup.render` (the daily views the fast path loads).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from followup import i18n, records
from followup.i18n import _, ngettext

if TYPE_CHECKING:
    from rich.console import Console


def profile_table(profile: records.Profile, zone_name: str, out: Console) -> None:
    from rich.markup import escape
    from rich.table import Table

    table = Table.grid(padding=(0, 2))
    table.add_column(style="bold")
    table.add_column()
    unset = "[dim]" + _("(not set)") + "[/]"
    table.add_row(_("Name"), escape(profile.name) or unset)
    table.add_row(_("Email"), escape(profile.email) or unset)
    table.add_row(_("Phone"), escape(profile.phone) or unset)
    system = _("system ({zone})").format(zone=escape(zone_name))
    table.add_row(_("Time zone"), profile.timezone or f"[dim]{system}[/]")
    table.add_row(_("Language"), profile.lang)
    table.add_row(_("Region"), profile.locale or "[dim]" + _("(from the language)") + "[/]")
    table.add_row(_("Interface language"), i18n.lang())
    table.add_row(_("Thank-you within"), days(profile.thanks_days))
    table.add_row(_("Status check after"), days(profile.check_days))
    table.add_row(_("Reply within"), days(profile.reply_days))
    if profile.smtp_host:
        port = f":{profile.smtp_port}" if profile.smtp_port else ""
        login = (
            ", " + _("login {user}").format(user=escape(profile.smtp_user))
            if profile.smtp_user
            else ""
        )
        table.add_row("SMTP", f"{escape(profile.smtp_host)}{port} ({profile.smtp_security}{login})")
    if profile.imap_host or profile.smtp_host or profile.imap_sent:
        from followup import imap

        account = imap.account(profile)
        login = ", " + _("login {user}").format(user=escape(account.user)) if account.user else ""
        sent = (
            "; " + _("copies to {folder}").format(folder=escape(profile.imap_sent))
            if profile.imap_sent
            else ""
        )
        table.add_row(
            "IMAP", f"{escape(account.host)}:{account.port} ({account.security}{login}){sent}"
        )
    table.add_row(
        _("Reflect within"),
        days(profile.reflect_days) if profile.reflect else "[dim]" + _("(not listed)") + "[/]",
    )
    from followup import channels

    table.add_row(
        _("Reminders"),
        "\n".join(escape(channels.mask(url)) for url in profile.notify) or unset,
    )
    out.print(table)


def profile_json(profile: records.Profile) -> dict[str, Any]:
    """``profile --json``: every field, with the secrets of the reminder channels masked."""
    from followup import channels

    shown = profile._asdict()
    shown["notify"] = [channels.mask(url) for url in profile.notify]
    return shown


def days(count: int) -> str:
    """``1 day``, ``3 days``, ``3 天``, ``3 दिन``."""
    return ngettext("{count} day", "{count} days", count).format(count=count)
