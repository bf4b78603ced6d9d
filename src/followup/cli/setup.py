"""Setting up: profile, path, and the email templates."""

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer

from followup import fields, zones
from followup.cli import files
from followup.cli.options import (
    ImapSecurity,
    JsonOpt,
    Lang,
    Locale,
    NotifyOpt,
    Security,
    TemplateKind,
)
from followup.context import Context, UsageError, check, note
from followup.errors import FollowupError
from followup.i18n import _

app = typer.Typer()


@app.command(
    help=_(
        "Show or set your details and rules.\n"
        "\n"
        "Your name, email and phone sign every email; an empty value (--phone '') clears "
        "one.\n"
        "\n"
        "Example: followup profile --name 'Li Wei'\n"
        "--email li.wei@example.com --timezone Asia/Shanghai"
    )
)
def profile(
    name: Annotated[
        str | None, typer.Option(help=_("Your name, as you sign emails, e.g. --name 'Li Wei'."))
    ] = None,
    email: Annotated[
        str | None, typer.Option(help=_("Your email, e.g. --email li.wei@example.com."))
    ] = None,
    phone: Annotated[
        str | None, typer.Option(help=_("Your phone, e.g. --phone '+86 138 0000 0000'."))
    ] = None,
    timezone_: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            help=_(
                "Your IANA time zone, e.g. --timezone Asia/Shanghai; '' for the system's. "
                "Interviews already recorded keep their own."
            ),
        ),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option(
            help=_(
                "Email language of interviews you add from now on: en, zh or hi, e.g. --lang zh."
            )
        ),
    ] = None,
    ui_lang: Annotated[
        Lang | None,
        typer.Option(
            help=_(
                "The language followup speaks to you (messages, tables, help): en, zh or hi, "
                "e.g. --ui-lang zh. Default: your LANG if it is one of these, else en; "
                "FOLLOWUP_UI_LANG overrides it for one command."
            )
        ),
    ] = None,
    locale: Annotated[
        Locale | None,
        typer.Option(
            help=_(
                "Your region, for dates in letters: en_GB and en_IN write '20 November 2026', "
                "en_US 'November 20, 2026'; zh_CN, hi_IN. Default: from the letter's language. "
                "E.g. --locale en_GB."
            ),
        ),
    ] = None,
    thanks_days: Annotated[
        int | None, typer.Option(help=_("Days to send a thank-you, e.g. --thanks-days 2."))
    ] = None,
    check_days: Annotated[
        int | None, typer.Option(help=_("Days before a status check, e.g. --check-days 7."))
    ] = None,
    reply_days: Annotated[
        int | None, typer.Option(help=_("Days to answer an invitation, e.g. --reply-days 1."))
    ] = None,
    reflect_days: Annotated[
        int | None, typer.Option(help=_("Days to reflect on an interview, e.g. --reflect-days 1."))
    ] = None,
    smtp_host: Annotated[
        str | None, typer.Option(help=_("Your SMTP server, e.g. --smtp-host smtp.example.com."))
    ] = None,
    smtp_port: Annotated[
        int | None, typer.Option(min=0, max=65535, help=_("Its port (default 587, 465 for ssl)."))
    ] = None,
    smtp_user: Annotated[
        str | None, typer.Option(help=_("The login; '' for none. The password is never stored."))
    ] = None,
    smtp_security: Annotated[
        Security | None, typer.Option(help=_("starttls (default), ssl or none."))
    ] = None,
    imap_host: Annotated[
        str | None,
        typer.Option(
            help=_(
                "Your IMAP server, for `followup inbox`, e.g. --imap-host imap.example.com. "
                "Default: the SMTP server's, smtp. becoming imap."
            ),
        ),
    ] = None,
    imap_port: Annotated[
        int | None, typer.Option(min=0, max=65535, help=_("Its port (default 993, 143 otherwise)."))
    ] = None,
    imap_user: Annotated[
        str | None,
        typer.Option(
            help=_(
                "The IMAP login, e.g. --imap-user li.wei@example.com. Default: the SMTP login. "
                "The password (FOLLOWUP_IMAP_PASSWORD) is never stored."
            )
        ),
    ] = None,
    imap_security: Annotated[
        ImapSecurity | None, typer.Option(help=_("ssl (default), starttls or none."))
    ] = None,
    imap_sent: Annotated[
        str | None,
        typer.Option(
            metavar="FOLDER",
            help=_(
                "Copy each email `send` sends to this IMAP folder, e.g. --imap-sent Sent; "
                "'' for no copy."
            ),
        ),
    ] = None,
    reflect: Annotated[
        bool | None,
        typer.Option(
            "--reflect/--no-reflect",
            help=_("List the reflection among the follow-ups (default) or not."),
        ),
    ] = None,
    notify: NotifyOpt = None,
    json: JsonOpt = False,
) -> None:
    from followup import render, render_profile

    changes: dict[str, Any] = {}
    if name is not None:
        changes["name"] = check("--name", lambda v: fields.one_line(v, required=False), name)
    if email is not None:
        changes["email"] = check("--email", fields.email, email) if email.strip() else ""
    if phone is not None:
        changes["phone"] = check("--phone", fields.phone, phone)
    if timezone_ is not None:
        changes["timezone"] = timezone_.strip()
        if changes["timezone"]:
            check("--timezone", zones.profile_zone, changes["timezone"])
    if lang is not None:
        changes["lang"] = lang.value
    if locale is not None:
        changes["locale"] = locale.value
    for option, value, low in (
        ("--thanks-days", thanks_days, 1),
        ("--check-days", check_days, 1),
        ("--reply-days", reply_days, 1),
        ("--reflect-days", reflect_days, 1),
    ):
        if value is not None:
            try:
                changes[option[2:].replace("-", "_")] = fields.days(value, low=low)
            except ValueError as error:
                raise UsageError(f"{option} {error}") from None
    if reflect is not None:
        changes["reflect"] = reflect
    if smtp_host is not None:
        changes["smtp_host"] = check(
            "--smtp-host", lambda v: fields.one_line(v, required=False), smtp_host
        )
    if smtp_port is not None:
        changes["smtp_port"] = smtp_port
    if smtp_user is not None:
        changes["smtp_user"] = check(
            "--smtp-user", lambda v: fields.one_line(v, required=False), smtp_user
        )
    if smtp_security is not None:
        changes["smtp_security"] = smtp_security.value
    for option, text in (
        ("--imap-host", imap_host),
        ("--imap-user", imap_user),
        ("--imap-sent", imap_sent),
    ):
        if text is not None:
            changes[option[2:].replace("-", "_")] = check(
                option, lambda v: fields.one_line(v, required=False), text
            )
    if imap_port is not None:
        changes["imap_port"] = imap_port
    if imap_security is not None:
        changes["imap_security"] = imap_security.value
    if notify is not None:
        changes["notify"] = _channels(notify)
    if ui_lang is not None:
        from followup import i18n

        try:
            i18n.store(ui_lang.value)
        except OSError as error:
            raise FollowupError(
                _("cannot save the interface language in {path}: {reason}").format(
                    path=i18n.stored_file(), reason=error.strerror or error
                )
            ) from None
    ctx = Context(read_only=not changes)
    current = ctx.store.set_profile(changes) if changes else ctx.profile
    email_ready = current.email and current.smtp_host
    if "notify" in changes and "email" in current.notify and not email_ready:
        note(
            _(
                "The 'email' channel sends to your --email through your SMTP settings: set "
                "--email and --smtp-host too (docs/sending.md)."
            )
        )
    if json:
        render.emit_json(render_profile.profile_json(current))
        return
    zone_name = str(
        getattr(zones.zone(None), "key", None) or datetime.now(zones.zone(None)).tzname()
    )
    render_profile.profile_table(current, zone_name, render.console())
    if changes or ui_lang is not None:
        note(_("Profile saved."))


def _channels(given: list[str]) -> tuple[str, ...]:
    """The --notify values: each an Apprise URL Apprise understands (when it is installed),
    or 'email'; '' alone clears them."""
    from followup import channels

    urls = [check("--notify", channels.check, url) for url in given if url.strip()]
    if not urls:
        return ()
    if any(url != channels.EMAIL for url in urls):
        apprise = channels.apprise()
        if apprise is None:
            note(_("Reminders need Apprise: {hint}.").format(hint=channels.INSTALL_HINT))
        else:
            for url in urls:
                if url != channels.EMAIL and apprise.Apprise.instantiate(url) is None:
                    raise UsageError(
                        _(
                            "--notify {url}: Apprise does not know this URL; see "
                            "https://github.com/caronc/apprise/wiki for the forms it takes."
                        ).format(url=channels.mask(url))
                    )
    return tuple(dict.fromkeys(urls))


@app.command(help=_("Print where the store is.\n\nExample: followup path"))
def path() -> None:
    from followup import config

    url = config.database_url()
    if url:
        from followup.store import describe_url

        typer.echo(describe_url(url, strict=True))
    else:
        typer.echo(str(config.store_path()))


templates_app = typer.Typer(
    help=_(
        "See, copy and override the email templates.\n\n"
        "Example: followup templates copy thanks --lang zh"
    ),
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(templates_app, name="templates")
TemplateKindArg = Annotated[
    TemplateKind,
    typer.Argument(metavar="KIND", help=_("The email: thanks, check or decline.")),
]
TemplateLang = Annotated[
    Lang, typer.Option("--lang", help=_("The template's language: en, zh or hi."))
]


@templates_app.command(
    "list", help=_("List the templates and which you override.\n\nExample: followup templates list")
)
def templates_list(json: JsonOpt = False) -> None:
    from followup import config, drafts, render

    found = drafts.templates(config.home() / "templates")
    if json:
        render.emit_json(found)
        return
    for entry in found:
        typer.echo(f"{entry['lang']}  {entry['kind']:<8} {entry['origin']:<10} {entry['path']}")


@templates_app.command(
    "show",
    help=_(
        "Print the template in use for KIND.\n\nExample: followup templates show thanks --lang zh"
    ),
)
def templates_show(kind: TemplateKindArg, lang: TemplateLang = Lang.en) -> None:
    from followup import config, drafts

    entry = next(
        e
        for e in drafts.templates(config.home() / "templates")
        if e["kind"] == kind.value and e["lang"] == lang.value
    )
    typer.echo(Path(entry["path"]).read_text(encoding="utf-8"), nl=False)


@templates_app.command(
    "copy",
    help=_(
        "Copy a built-in template into your folder to edit.\n"
        "\n"
        "Example: followup templates copy thanks --lang en"
    ),
)
def templates_copy(
    kind: TemplateKindArg,
    lang: TemplateLang = Lang.en,
    force: Annotated[bool, typer.Option("--force", help=_("Replace your existing copy."))] = False,
) -> None:
    from followup import config, drafts

    name = drafts.template_name(kind.value, lang.value)
    target = config.home() / "templates" / name
    if target.exists() and not force:
        raise FollowupError(
            _("{path} exists already; add --force to replace it with the built-in one.").format(
                path=target
            )
        )
    files.private_folder(target.parent.parent)
    files.private_folder(target.parent)
    files.write_private(target, (drafts.builtin_dir() / name).read_bytes())
    typer.echo(str(target))


@templates_app.command(
    "path", help=_("Print the folder of your own templates.\n\nExample: followup templates path")
)
def templates_path() -> None:
    from followup import config

    typer.echo(str(config.home() / "templates"))
