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
    at: Annotated[str | None, typer.Option('--at', help="When the interview started, e.g. --at 'yesterday 15:00', '2026-11-20 14:00', '14:00 Asia/Kolkata' or '14:00 +05:30'. Default: now.")] = None,
    timezone: Annotated[str | None, typer.Option('--timezone', help='Where the interview is held, if not in your zone: its times, deadlines and letters follow it, e.g. --timezone Asia/Kolkata.')] = None,
    round: Annotated[int | None, typer.Option('--round', help='Interview round, e.g. --round 2.')] = None,
    contact: Annotated[list[str] | None, typer.Option('--contact', help="An interviewer or hiring manager; repeat for a panel, e.g. --contact 'Wang Fang <wang.fang@example.cn>'.")] = None,
    recruiter: Annotated[list[str] | None, typer.Option('--recruiter', help="A recruiter or HR contact; repeat for several (all are in Cc on a decline), e.g. --recruiter 'Ana Ruiz <ana@acme.example>'.")] = None,
    decision_by: Annotated[str | None, typer.Option('--decision-by', help='When the employer said it would decide, e.g. --decision-by 2026-11-27. The status check waits until the business day after it.')] = None,
    lang: Annotated[str | None, typer.Option('--lang', help="Language of this employer's emails: en, zh or hi, e.g. --lang zh.")] = None,
    notes: Annotated[str | None, typer.Option('--notes', help="Free notes, e.g. --notes 'Panel of 3'.")] = None,
    topic: Annotated[str | None, typer.Option('--topic', help="Something specific you discussed, for the thank-you, e.g. --topic 'how the team handles escalations'.")] = None,
    topic_for: Annotated[list[str] | None, typer.Option('--topic-for', help="One interviewer's own topic, used in their thank-you instead of --topic; repeat for each of a panel, e.g. --topic-for 'wang.fang@example.cn=the ticket queue'.")] = None,
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
    at: Annotated[str | None, typer.Option('--at', help="When the interview really started, e.g. --at '2026-11-20 14:00' or '14:00 Asia/Kolkata'; its zone stays unless you name another.")] = None,
    timezone: Annotated[str | None, typer.Option('--timezone', help='Where the interview is held, if not in your zone: its times, deadlines and letters follow it, e.g. --timezone Asia/Kolkata.')] = None,
    round: Annotated[int | None, typer.Option('--round', help='Interview round, e.g. --round 2.')] = None,
    contact: Annotated[list[str] | None, typer.Option('--contact', help="An interviewer or hiring manager; repeat for a panel, e.g. --contact 'Wang Fang <wang.fang@example.cn>'.")] = None,
    recruiter: Annotated[list[str] | None, typer.Option('--recruiter', help="A recruiter or HR contact; repeat for several (all are in Cc on a decline), e.g. --recruiter 'Ana Ruiz <ana@acme.example>'.")] = None,
    decision_by: Annotated[str | None, typer.Option('--decision-by', help='When the employer said it would decide, e.g. --decision-by 2026-11-27. The status check waits until the business day after it.')] = None,
    lang: Annotated[str | None, typer.Option('--lang', help="Language of this employer's emails: en, zh or hi, e.g. --lang zh.")] = None,
    notes: Annotated[str | None, typer.Option('--notes', help="Free notes, e.g. --notes 'Panel of 3'.")] = None,
    topic: Annotated[str | None, typer.Option('--topic', help="Something specific you discussed, for the thank-you, e.g. --topic 'how the team handles escalations'.")] = None,
    topic_for: Annotated[list[str] | None, typer.Option('--topic-for', help="One interviewer's own topic, used in their thank-you instead of --topic; repeat for each of a panel, e.g. --topic-for 'wang.fang@example.cn=the ticket queue'.")] = None,
    strength: Annotated[str | None, typer.Option('--strength', help="What you bring that fits, e.g. --strength 'three years of bilingual support'.")] = None,
    idea: Annotated[str | None, typer.Option('--idea', help="A new thought or suggestion about the role, e.g. --idea 'a shared FAQ would cut repeat tickets'.")] = None,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    "Change an interview.\n\nEach option replaces the stored value; --contact, --recruiter and --topic-for replace\nthe whole list, and an empty value (--contact '' or --decision-by '') clears it.\n\nExample: followup edit 3 --decision-by 2026-11-27"


@app.command('rm')
def app_rm(
    interview_id: Annotated[int, typer.Argument(help="The interview's id, e.g. 3 (see `followup list`).")],
    yes: Annotated[bool, typer.Option('--yes', '-y', help='Remove without asking.')] = False,
) -> None:
    'Remove an interview and its history (`followup undo` brings it back).\n\nExample: followup rm 3 --yes'


@app.command('due')
def app_due(
    on: Annotated[str | None, typer.Option('--on', help="Answer for another moment, e.g. --on 'tomorrow 9am'. Default: now.")] = None,
    days: Annotated[int | None, typer.Option('--days', help="How many days ahead 'coming up' looks, e.g. --days 7.")] = None,
    all_: Annotated[bool, typer.Option('--all', '-a', help='In a terminal, every row (default: the most urgent that fit).')] = False,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    'What to do now, most urgent first.\n\nLists overdue, due and coming-up follow-ups with the command to run next. In a\nterminal it shows the most urgent that fit the window and says how many more there\nare; piped or with --json it prints every one.\n\nExample: followup due --days 7'


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
    action: Annotated[str, typer.Argument(help='What you did: thanks, check, reply (accepted), decline, or reflect (with --skip: no reflection for this interview).')],
    interview_id: Annotated[int, typer.Argument(help="The interview's id, e.g. 3 (see `followup list`).")],
    at: Annotated[str | None, typer.Option('--at', help="When you did it, e.g. --at 'yesterday 18:00'. Default: now.")] = None,
    skip: Annotated[bool, typer.Option('--skip', help="End this interview's reflection without writing one; reflections stay on for the others, e.g. followup reflect 3 --skip.")] = False,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    "Record that you did something.\n\n`done decline` also closes the interview as withdrawn; `done reflect ID --skip` stops\nasking for this interview's reflection.\n\nExample: followup done thanks 3 --at 'yesterday 18:00'"


@app.command('result')
def app_result(
    interview_id: Annotated[int, typer.Argument(help="The interview's id, e.g. 3 (see `followup list`).")],
    outcome: Annotated[str, typer.Argument(help='invited (to a further round), offer, rejected or withdrawn.')],
    at: Annotated[str | None, typer.Option('--at', help="When you heard, e.g. --at 'today 11:00'. Default: now.")] = None,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    'Record what the employer decided.\n\nExample: followup result 3 invited'


@app.command('undo')
def app_undo(
) -> None:
    'Reverse the last change recorded, and say what it was.\n\nAn action done, a result, a reflection, an edit, an add or a removal (rm): each `undo`\nreverses one more, newest first. A removed interview can be brought back for 30 days,\nand in any case until the next `followup backup`.\n\nExample: followup undo'


@app.command('log')
def app_log(
    interview_id: Annotated[int, typer.Argument(help="The interview's id, e.g. 3 (see `followup list`).")],
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    "List an interview's recorded events with their ids, oldest first.\n\nGive an id to `followup forget` to remove one event recorded by mistake.\n\nExample: followup log 3"


@app.command('forget')
def app_forget(
    event_id: Annotated[int, typer.Argument(help="The event's id, as `followup log ID` shows it, e.g. 12.")],
) -> None:
    'Remove one event recorded by mistake; the deadlines recompute without it.\n\nNothing else changes; `followup undo` puts it back.\n\nExample: followup forget 12'


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
    skip: Annotated[bool, typer.Option('--skip', help="End this interview's reflection without writing one; reflections stay on for the others, e.g. followup reflect 3 --skip.")] = False,
    json: Annotated[bool, typer.Option('--json', help='Print JSON for scripts instead of a table.')] = False,
) -> None:
    "Review an interview: questions, lessons, ideas.\n\nWithout options, in a terminal, it opens $EDITOR on a short form in the interview's\nlanguage, with what you wrote before to correct. Running it again adds questions, gives\na question already recorded its new answer, and replaces only what you give. The\nthank-you uses the idea and strength when the interview has none of its own.\n\nExample: followup reflect 3 -q 'Why customer service?' -a 'Told the story of ...'\n--improve 'Prepare a shorter answer about salary'"


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
    "Prepare: past interviews, questions, lessons, advice.\n\nShows your past interviews with the company and their reflections, the questions you were\nasked for similar roles with every answer you gave, your lessons, and advice for the\nquestions common to the role, in the interview's language; an answer you gave before\nthat the advice warns against is pointed out.\n\nExample: followup prep 3"


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
    output: Annotated[str | None, typer.Option('--output', '-o', help='Write to FILE instead of stdout, e.g. -o followup.json.')] = None,
    force: Annotated[bool, typer.Option('--force', help='With --output: replace a file that exists.')] = False,
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
    where: Annotated[str | None, typer.Argument(help='Where to write the copy, a file or a folder, e.g. ~/backups/followup.db (default: a dated file beside the store).')] = None,
    force: Annotated[bool, typer.Option('--force', help='Replace a file that exists.')] = False,
) -> None:
    'Copy the store safely, even while it is in use.\n\nExample: followup backup ~/Dropbox/followup-backup.db'


@app.command('profile')
def app_profile(
    name: Annotated[str | None, typer.Option('--name', help="Your name, as you sign emails, e.g. --name 'Li Wei'.")] = None,
    email: Annotated[str | None, typer.Option('--email', help='Your email, e.g. --email li.wei@example.com.')] = None,
    phone: Annotated[str | None, typer.Option('--phone', help="Your phone, e.g. --phone '+86 138 0000 0000'.")] = None,
    timezone_: Annotated[str | None, typer.Option('--timezone', help="Your IANA time zone, e.g. --timezone Asia/Shanghai; '' for the system's. Interviews already recorded keep their own.")] = None,
    lang: Annotated[str | None, typer.Option('--lang', help='Email language of interviews you add from now on: en, zh or hi, e.g. --lang zh.')] = None,
    locale: Annotated[str | None, typer.Option('--locale', help="Your region, for dates in letters: en_GB and en_IN write '20 November 2026', en_US 'November 20, 2026'; zh_CN, hi_IN. Default: from the letter's language. E.g. --locale en_GB.")] = None,
    thanks_days: Annotated[int | None, typer.Option('--thanks-days', help='Days to send a thank-you, e.g. --thanks-days 2.')] = None,
    check_days: Annotated[int | None, typer.Option('--check-days', help='Days before a status check, e.g. --check-days 7.')] = None,
    reply_days: Annotated[int | None, typer.Option('--reply-days', help='Days to answer an invitation, e.g. --reply-days 1.')] = None,
    reflect_days: Annotated[int | None, typer.Option('--reflect-days', help='Days to reflect on an interview, e.g. --reflect-days 1.')] = None,
    smtp_host: Annotated[str | None, typer.Option('--smtp-host', help='Your SMTP server, e.g. --smtp-host smtp.example.com.')] = None,
    smtp_port: Annotated[int | None, typer.Option('--smtp-port', help='Its port (default 587, 465 for ssl).')] = None,
    smtp_user: Annotated[str | None, typer.Option('--smtp-user', help="The login; '' for none. The password is never stored.")] = None,
    smtp_security: Annotated[str | None, typer.Option('--smtp-security', help='starttls (default), ssl or none.')] = None,
    reflect: Annotated[bool, typer.Option('--reflect', help='List the reflection among the follow-ups (default) or not.')] = False,
    notify: Annotated[list[str] | None, typer.Option('--notify', help="Where `followup remind` sends the morning list: an Apprise URL, or 'email' for your own address through your SMTP settings; repeat for several, e.g. --notify ntfys://ntfy.sh/my-topic --notify email. Replaces the channels set before; --notify '' clears them.")] = None,
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
    kind: Annotated[str, typer.Argument(help='The email: thanks, check or decline.')],
    lang: Annotated[str | None, typer.Option('--lang', help="The template's language: en, zh or hi.")] = None,
) -> None:
    'Print the template in use for KIND.\n\nExample: followup templates show thanks --lang zh'


@templates.command('copy')
def templates_copy(
    kind: Annotated[str, typer.Argument(help='The email: thanks, check or decline.')],
    lang: Annotated[str | None, typer.Option('--lang', help="The template's language: en, zh or hi.")] = None,
    force: Annotated[bool, typer.Option('--force', help='Replace your existing copy.')] = False,
) -> None:
    'Copy a built-in template into your folder to edit.\n\nExample: followup templates copy thanks --lang en'


@templates.command('path')
def templates_path(
) -> None:
    'Print the folder of your own templates.\n\nExample: followup templates path'


@app.command('remind')
def app_remind(
    always: Annotated[bool, typer.Option('--always', help="Send even when nothing is due ('nothing due'), e.g. a test.")] = False,
    again: Annotated[bool, typer.Option('--again', help="Send even if today's digest went already, e.g. --again.")] = False,
    dry_run: Annotated[bool, typer.Option('--dry-run', help='Print what would go where; send and mark nothing.')] = False,
    on: Annotated[str | None, typer.Option('--on', help="Answer as at another moment, e.g. --on 'tomorrow 08:00' --dry-run. Default: now.")] = None,
    days: Annotated[int | None, typer.Option('--days', help="How many days ahead 'coming up' looks, e.g. --days 7.")] = None,
    install: Annotated[bool, typer.Option('--install', help='Run `followup remind` every day (systemd timer, cron, LaunchAgent or Task Scheduler), e.g. --install --at 07:30. Again: replaces it.')] = False,
    at: Annotated[str | None, typer.Option('--at', help='With --install: the morning time, local, e.g. --at 07:30 (default 08:00). It also runs at 18:00 for the evening before an interview.')] = None,
    uninstall: Annotated[bool, typer.Option('--uninstall', help='Remove the daily run --install set up.')] = False,
    status: Annotated[bool, typer.Option('--status', help='Say what is installed, when it last ran and what it sent.')] = False,
) -> None:
    'Send the morning list on your channels (profile --notify).\n\nOverdue, due now and coming up, as `due` shows them, each with its command; once a day\nper channel, and the evening before an interview. A channel that fails is named and the\nothers are still tried.\n\nExample: followup remind --dry-run; followup remind --install --at 08:00'


if __name__ == "__main__":
    app(prog_name="followup")
