"""Reference for --help and completion: a bare Typer app with followup's commands,
options and help texts (written by make_reference_bare.py), importing nothing else."""

from typing import Annotated

import typer

app = typer.Typer(help='Keep track of interview follow-ups: a thank-you within two days, a status check after a week, a prompt reply to an invitation.\n\nDaily use: `followup add` after an interview, `followup due` each morning, `followup done thanks ID` once sent.', rich_markup_mode=None, no_args_is_help=True,
                  context_settings={'help_option_names': ['-h', '--help']})


@app.command('add')
def app_add(
    company: Annotated[str | None, typer.Option('--company', '-c', help="The employer, e.g. --company 'Acme Ltd'.")] = None,
    role: Annotated[str | None, typer.Option('--role', '-r', help="The position, e.g. --role 'Support Engineer'.")] = None,
    at: Annotated[str | None, typer.Option('--at', help="When the interview started, e.g. --at 'yesterday 15:00' or '2026-11-20 14:00'. Default: now.")] = None,
    round: Annotated[int | None, typer.Option('--round', help='Interview round, e.g. --round 2.')] = None,
    contact: Annotated[list[str] | None, typer.Option('--contact', help="An interviewer or hiring manager; repeat for a panel, e.g. --contact 'Wang Fang <wang.fang@example.cn>'.")] = None,
    recruiter: Annotated[str | None, typer.Option('--recruiter', help="The recruiter or HR contact, e.g. --recruiter 'Ana Ruiz <ana@acme.example>'.")] = None,
    decision_by: Annotated[str | None, typer.Option('--decision-by', help='When the employer said it would decide, e.g. --decision-by 2026-11-27. The status check waits until the business day after it.')] = None,
    lang: Annotated[str | None, typer.Option('--lang', help="Language of this employer's emails: en, zh or hi, e.g. --lang zh.")] = None,
    notes: Annotated[str | None, typer.Option('--notes', help="Free notes, e.g. --notes 'Panel of 3'.")] = None,
    topic: Annotated[str | None, typer.Option('--topic', help="Something specific you discussed, for the thank-you, e.g. --topic 'how the team handles escalations'.")] = None,
    strength: Annotated[str | None, typer.Option('--strength', help="What you bring that fits, e.g. --strength 'three years of bilingual support'.")] = None,
    idea: Annotated[str | None, typer.Option('--idea', help="A new thought or suggestion about the role, e.g. --idea 'a shared FAQ would cut repeat tickets'.")] = None,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    "Record an interview.\n\nExample: followup add -c Acme -r 'Support Engineer' --at 'today 10:00'\n--contact 'Wang Fang <wang.fang@example.cn>'"


@app.command('edit')
def app_edit(
    interview_id: Annotated[int, typer.Argument(help="The interview's id, e.g. 3 (see `followup list`).")],
    company: Annotated[str | None, typer.Option('--company', '-c', help="The employer, e.g. --company 'Acme Ltd'.")] = None,
    role: Annotated[str | None, typer.Option('--role', '-r', help="The position, e.g. --role 'Support Engineer'.")] = None,
    at: Annotated[str | None, typer.Option('--at', help="When the interview started, e.g. --at 'yesterday 15:00' or '2026-11-20 14:00'. Default: now.")] = None,
    round: Annotated[int | None, typer.Option('--round', help='Interview round, e.g. --round 2.')] = None,
    contact: Annotated[list[str] | None, typer.Option('--contact', help="An interviewer or hiring manager; repeat for a panel, e.g. --contact 'Wang Fang <wang.fang@example.cn>'.")] = None,
    recruiter: Annotated[str | None, typer.Option('--recruiter', help="The recruiter or HR contact, e.g. --recruiter 'Ana Ruiz <ana@acme.example>'.")] = None,
    decision_by: Annotated[str | None, typer.Option('--decision-by', help='When the employer said it would decide, e.g. --decision-by 2026-11-27. The status check waits until the business day after it.')] = None,
    lang: Annotated[str | None, typer.Option('--lang', help="Language of this employer's emails: en, zh or hi, e.g. --lang zh.")] = None,
    notes: Annotated[str | None, typer.Option('--notes', help="Free notes, e.g. --notes 'Panel of 3'.")] = None,
    topic: Annotated[str | None, typer.Option('--topic', help="Something specific you discussed, for the thank-you, e.g. --topic 'how the team handles escalations'.")] = None,
    strength: Annotated[str | None, typer.Option('--strength', help="What you bring that fits, e.g. --strength 'three years of bilingual support'.")] = None,
    idea: Annotated[str | None, typer.Option('--idea', help="A new thought or suggestion about the role, e.g. --idea 'a shared FAQ would cut repeat tickets'.")] = None,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    "Change an interview.\n\nEach option replaces the stored value; --contact replaces the whole list, and an empty\nvalue (--contact '' or --decision-by '') clears it.\n\nExample: followup edit 3 --decision-by 2026-11-27"


@app.command('rm')
def app_rm(
    interview_id: Annotated[int, typer.Argument(help="The interview's id, e.g. 3 (see `followup list`).")],
    yes: Annotated[bool, typer.Option('--yes', '-y', help='Remove without asking.')] = False,
) -> None:
    'Remove an interview and its history.\n\nExample: followup rm 3 --yes'


@app.command('due')
def app_due(
    on: Annotated[str | None, typer.Option('--on', help="Answer for another moment, e.g. --on 'tomorrow 9am'. Default: now.")] = None,
    days: Annotated[int | None, typer.Option('--days', help="How many days ahead 'coming up' looks, e.g. --days 7.")] = None,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    'What to do now, most urgent first.\n\nLists overdue, due and coming-up follow-ups with the command to run next.\n\nExample: followup due --days 7'


@app.command('list')
def app_list(
    all_: Annotated[bool, typer.Option('--all', '-a', help='Include closed interviews.')] = False,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    'List open interviews (--all: every one).\n\nExample: followup list --all --json'


@app.command('show')
def app_show(
    interview_id: Annotated[int, typer.Argument(help="The interview's id, e.g. 3 (see `followup list`).")],
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    'Show one interview and its timeline.\n\nWhat was done and what is pending, with deadlines.\n\nExample: followup show 3'


@app.command('done')
def app_done(
    action: Annotated[str, typer.Argument(help='What you did: thanks, check, reply (accepted) or decline.')],
    interview_id: Annotated[int, typer.Argument(help="The interview's id, e.g. 3 (see `followup list`).")],
    at: Annotated[str | None, typer.Option('--at', help="When you did it, e.g. --at 'yesterday 18:00'. Default: now.")] = None,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    "Record that you did something.\n\n`done decline` also closes the interview as withdrawn.\n\nExample: followup done thanks 3 --at 'yesterday 18:00'"


@app.command('result')
def app_result(
    interview_id: Annotated[int, typer.Argument(help="The interview's id, e.g. 3 (see `followup list`).")],
    outcome: Annotated[str, typer.Argument(help='invited (to a further round), offer, rejected or withdrawn.')],
    at: Annotated[str | None, typer.Option('--at', help="When you heard, e.g. --at 'today 11:00'. Default: now.")] = None,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    'Record what the employer decided.\n\nExample: followup result 3 invited'


@app.command('draft')
def app_draft(
    kind: Annotated[str, typer.Argument(help='thanks (within 2 days), check (status follow-up; alias: followup) or decline (withdraw from a further round).')],
    interview_id: Annotated[int, typer.Argument(help="The interview's id, e.g. 3 (see `followup list`).")],
    lang: Annotated[str | None, typer.Option('--lang', help="Write in en, zh or hi (default: the interview's, then yours).")] = None,
    reason: Annotated[str | None, typer.Option('--reason', help="For decline: a short honest reason, e.g. --reason 'I have accepted another offer.'")] = None,
    plain: Annotated[bool, typer.Option('--plain', help='Plain To:/Cc:/Subject: lines and the body, for piping.')] = False,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
    eml: Annotated[str | None, typer.Option('--eml', help='Write .eml drafts that mail clients open: a file for one email, a folder for several.')] = None,
    mailto: Annotated[bool, typer.Option('--mailto', help='Print mailto: links.')] = False,
    force: Annotated[bool, typer.Option('--force', help='With --eml: replace .eml files that exist.')] = False,
) -> None:
    'Draft an email: thanks, check or decline.\n\nDrafting records nothing: run `followup done KIND ID` once sent.\n\nExample: followup draft thanks 3 --lang zh'


@app.command('send')
def app_send(
    kind: Annotated[str, typer.Argument(help='thanks, check (alias: followup) or decline.')],
    interview_id: Annotated[int, typer.Argument(help="The interview's id, e.g. 3 (see `followup list`).")],
    lang: Annotated[str | None, typer.Option('--lang', help="Write in en, zh or hi (default: the interview's, then yours).")] = None,
    reason: Annotated[str | None, typer.Option('--reason', help="For decline: a short honest reason, e.g. --reason 'I have accepted another offer.'")] = None,
    yes: Annotated[bool, typer.Option('--yes', '-y', help='Send without asking.')] = False,
    dry_run: Annotated[bool, typer.Option('--dry-run', help='Connect, log in and have the server accept every recipient; send nothing, record nothing, ask nothing.')] = False,
    early: Annotated[bool, typer.Option('--early', help='Send a status check before it is due to open (a week after the interview, and not before the decision date), e.g. when another offer will not wait.')] = False,
) -> None:
    'Send a drafted email over SMTP and record it.\n\nShows the email and asks first (--yes skips the question). The action is recorded as\ndone only once the server accepted every recipient. Set the server with\n`followup profile --smtp-host ...`; the password comes from FOLLOWUP_SMTP_PASSWORD.\n\nExample: followup send thanks 3'


@app.command('reflect')
def app_reflect(
    interview_id: Annotated[int, typer.Argument(help="The interview's id, e.g. 3 (see `followup list`).")],
    question: Annotated[list[str] | None, typer.Option('--question', '-q', help='A question you were asked; repeat, paired with --answer.')] = None,
    answer: Annotated[list[str] | None, typer.Option('--answer', '-a', help="How you answered, in the order of --question ('' for none).")] = None,
    went_well: Annotated[str | None, typer.Option('--went-well', help='What went well.')] = None,
    improve: Annotated[str | None, typer.Option('--improve', help='What to improve next time.')] = None,
    idea: Annotated[str | None, typer.Option('--idea', help='An idea worth adding to the thank-you.')] = None,
    strength: Annotated[str | None, typer.Option('--strength', help='A strength worth adding to the thank-you.')] = None,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    "Review an interview: questions, lessons, ideas.\n\nWithout options, in a terminal, it opens $EDITOR on a short form in the interview's\nlanguage. Running it again adds questions and replaces only what you give. The thank-you\nuses the idea and strength when the interview has none of its own.\n\nExample: followup reflect 3 -q 'Why customer service?' -a 'Told the story of ...'\n--improve 'Prepare a shorter answer about salary'"


@app.command('lessons')
def app_lessons(
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    'What your reflections say to improve, and repeated questions.\n\nLists each reflection\'s "to improve", newest interview first, then the questions asked in\nmore than one interview (the same ignoring case, spacing and punctuation).\n\nExample: followup lessons --json'


@app.command('prep')
def app_prep(
    interview_id: Annotated[int | None, typer.Argument(help='The interview to prepare for (or use --role).')] = None,
    role: Annotated[str | None, typer.Option('--role', help="Prepare for a role instead, e.g. --role 'Help Desk'.")] = None,
    lang: Annotated[str | None, typer.Option('--lang', help="Write it in en, zh or hi (default: the interview's language).")] = None,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    "Prepare: past interviews, questions, lessons, advice.\n\nShows your past interviews with the company and their reflections, the questions you were\nasked for similar roles with every answer you gave, your lessons, and advice for the\nquestions common to the role, in the interview's language.\n\nExample: followup prep 3"


@app.command('stats')
def app_stats(
    since: Annotated[str | None, typer.Option('--since', help='Only interviews from this day on, e.g. --since 2026-09-01.')] = None,
    on: Annotated[str | None, typer.Option('--on', help='Compute as of another moment, e.g. --on 2026-12-31.')] = None,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    'A picture of your search, as bars.\n\nThe funnel per round, thank-yous on time, late or never, status checks too early or on\ntime, the median days to a first answer, and interviews per week.\n\nExample: followup stats --since 2026-09-01'


@app.command('export')
def app_export(
    format: Annotated[str | None, typer.Option('--format', '-f', help='json (everything, the backup format), csv or ics.')] = None,
    output: Annotated[str | None, typer.Option('--output', '-o', help='Write to FILE instead of stdout.')] = None,
) -> None:
    'Export your history as JSON, CSV or iCalendar.\n\nJSON holds everything and imports back; CSV is one row per interview for spreadsheets;\nICS puts every pending follow-up in your calendar.\n\nExample: followup export --format ics --output followup.ics'


@app.command('import')
def app_import(
    file: Annotated[str, typer.Argument(help='A `followup export` JSON file, or a CSV with the columns company, role, at.')],
    dry_run: Annotated[bool, typer.Option('--dry-run', help='Check the file and say what would be imported.')] = False,
) -> None:
    'Import a JSON export or a CSV spreadsheet.\n\nEvery row is checked first: a file with a bad row imports nothing. Importing the same\nJSON export twice adds nothing the second time.\n\nExample: followup import interviews.csv --dry-run'


@app.command('backup')
def app_backup(
    file: Annotated[str | None, typer.Argument(help='Where to write the copy (default: a dated file beside the store).')] = None,
) -> None:
    'Copy the store safely, even while it is in use.\n\nExample: followup backup ~/Dropbox/followup-backup.db'


@app.command('profile')
def app_profile(
    name: Annotated[str | None, typer.Option('--name', help="Your name, as you sign emails, e.g. --name 'Li Wei'.")] = None,
    email: Annotated[str | None, typer.Option('--email', help='Your email, e.g. --email li.wei@example.com.')] = None,
    phone: Annotated[str | None, typer.Option('--phone', help="Your phone, e.g. --phone '+86 138 0000 0000'.")] = None,
    timezone_: Annotated[str | None, typer.Option('--timezone', help="Your IANA time zone, e.g. --timezone Asia/Shanghai; '' for the system's.")] = None,
    lang: Annotated[str | None, typer.Option('--lang', help='Default email language: en, zh or hi.')] = None,
    thanks_days: Annotated[int | None, typer.Option('--thanks-days', help='Days to send a thank-you, e.g. --thanks-days 2.')] = None,
    check_days: Annotated[int | None, typer.Option('--check-days', help='Days before a status check, e.g. --check-days 7.')] = None,
    reply_days: Annotated[int | None, typer.Option('--reply-days', help='Days to answer an invitation, e.g. --reply-days 1.')] = None,
    reflect_days: Annotated[int | None, typer.Option('--reflect-days', help='Days to reflect on an interview, e.g. --reflect-days 1.')] = None,
    smtp_host: Annotated[str | None, typer.Option('--smtp-host', help='Your SMTP server, e.g. --smtp-host smtp.example.com.')] = None,
    smtp_port: Annotated[int | None, typer.Option('--smtp-port', help='Its port (default 587, 465 for ssl).')] = None,
    smtp_user: Annotated[str | None, typer.Option('--smtp-user', help="The login; '' for none. The password is never stored.")] = None,
    smtp_security: Annotated[str | None, typer.Option('--smtp-security', help='starttls (default), ssl or none.')] = None,
    reflect: Annotated[bool, typer.Option('--reflect', help='List the reflection among the follow-ups (default) or not.')] = False,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    "Show or set your details and rules.\n\nYour name, email and phone sign every email; an empty value (--phone '') clears one.\n\nExample: followup profile --name 'Li Wei'\n--email li.wei@example.com --timezone Asia/Shanghai"


@app.command('path')
def app_path(
) -> None:
    'Print where the store is.\n\nExample: followup path'


templates = typer.Typer(help='See, copy and override the email templates.\n\nExample: followup templates copy thanks --lang zh', rich_markup_mode=None)
app.add_typer(templates, name='templates')


@templates.command('list')
def templates_list(
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    'List the templates and which you override.\n\nExample: followup templates list'


@templates.command('show')
def templates_show(
    kind: Annotated[str, typer.Argument(help='')],
    lang: Annotated[str | None, typer.Option('--lang', help="The template's language: en, zh or hi.")] = None,
) -> None:
    'Print the template in use for KIND.\n\nExample: followup templates show thanks --lang zh'


@templates.command('copy')
def templates_copy(
    kind: Annotated[str, typer.Argument(help='')],
    lang: Annotated[str | None, typer.Option('--lang', help="The template's language: en, zh or hi.")] = None,
    force: Annotated[bool, typer.Option('--force', help='Replace your existing copy.')] = False,
) -> None:
    'Copy a built-in template into your folder to edit.\n\nExample: followup templates copy thanks --lang en'


@templates.command('path')
def templates_path(
) -> None:
    'Print the folder of your own templates.\n\nExample: followup templates path'


if __name__ == "__main__":
    app(prog_name="followup")
