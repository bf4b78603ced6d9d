"""How the learning commands look: ``lessons``, and ``prep`` and ``stats`` in the reader's language.

Only the Typer app imports this module: the fast path (``entry`` -> ``reading``) needs just
:mod:`followup.render`, so these texts are never loaded for ``due``, ``list`` or ``show``.
"""

from __future__ import annotations

from datetime import datetime, tzinfo
from typing import TYPE_CHECKING, Any

from followup import dates, render
from followup.i18n import _

if TYPE_CHECKING:
    from rich.console import Console


def lessons(found: dict[str, Any], tz: tzinfo, now: datetime, out: Console) -> None:
    from rich.markup import escape
    from rich.padding import Padding

    if found["improve"]:
        out.print("[bold]" + _("To improve") + "[/] " + _("(newest first)"))
        for item in found["improve"]:
            when = dates.short(datetime.fromisoformat(item["at"]), tz, now)
            out.print(
                f"  {item['id']:>3}  {escape(item['company'])} · {escape(item['role'])}, {when}"
            )
            out.print(Padding(escape(item["improve"]), (0, 0, 0, 7), expand=False))
        out.print()
    if found["repeated"]:
        out.print("[bold]" + _("Asked more than once") + "[/]")
        for item in found["repeated"]:
            ids = ", ".join(str(i) for i in item["ids"])
            where = _("(interviews {ids})").format(ids=ids)
            out.print(f"  {item['count']}×  {escape(item['question'])}  [dim]{where}[/]")


# -- prep and stats, in the reader's language ------------------------------------------------

TEXT = {
    "en": {
        "past": "Past interviews with {company}",
        "similar": "Questions asked before for similar roles",
        "lessons": "Your lessons (to improve, newest first)",
        "guidance": "Common questions for {role}",
        "tests": "What it tests",
        "build": "How to build your answer",
        "avoid": "Mistakes to avoid",
        "warnings": "Your answers the advice warns against",
        "none": "Nothing yet.",
        "answer": "Your answer",
        "went_well": "Went well",
        "improve": "To improve",
        "round": "round {n}",
        "interviews": "Interviews",
        "funnel": "Funnel by round",
        "invited": "invited",
        "offers": "offers",
        "rejected": "rejected",
        "thanks": "Thank-yous",
        "on_time": "on time",
        "late": "late",
        "never": "never",
        "pending": "pending",
        "checks": "Status checks",
        "early": "too early",
        "median": "Median days to a first answer",
        "weekly": "Interviews per week",
        "since": "since {since}",
    },
    "zh": {
        "past": "以往在{company}的面试",
        "similar": "类似岗位被问过的问题",
        "lessons": "你的经验教训（待改进，最新在前）",
        "guidance": "{role}岗位的常见问题",
        "tests": "考察什么",
        "build": "如何组织回答",
        "avoid": "常见误区",
        "warnings": "你以往的回答中需要注意的地方",
        "none": "暂无。",
        "answer": "你的回答",
        "went_well": "做得好的地方",
        "improve": "待改进",
        "round": "第{n}轮",
        "interviews": "面试次数",
        "funnel": "各轮结果",
        "invited": "进入下一轮",
        "offers": "录用",
        "rejected": "未通过",
        "thanks": "感谢信",
        "on_time": "按时",
        "late": "迟发",
        "never": "未发",
        "pending": "待发",
        "checks": "结果查询",
        "early": "过早",
        "median": "到首次答复的天数（中位数）",
        "weekly": "每周面试次数",
        "since": "自{since}起",
    },
    "hi": {
        "past": "{company} के साथ पिछले साक्षात्कार",
        "similar": "मिलती-जुलती भूमिकाओं में पहले पूछे गए सवाल",
        "lessons": "आपके सबक (क्या सुधारना है, नए पहले)",
        "guidance": "{role} के लिए आम सवाल",
        "tests": "यह क्या परखता है",
        "build": "जवाब कैसे तैयार करें",
        "avoid": "किन ग़लतियों से बचें",
        "warnings": "आपके पिछले जवाबों में किन बातों पर ध्यान दें",
        "none": "अभी कुछ नहीं।",
        "answer": "आपका जवाब",
        "went_well": "क्या अच्छा रहा",
        "improve": "क्या सुधारना है",
        "round": "दौर {n}",
        "interviews": "साक्षात्कार",
        "funnel": "हर दौर का नतीजा",
        "invited": "अगले दौर में",
        "offers": "ऑफ़र",
        "rejected": "अस्वीकार",
        "thanks": "धन्यवाद-पत्र",
        "on_time": "समय पर",
        "late": "देर से",
        "never": "कभी नहीं",
        "pending": "बाक़ी",
        "checks": "स्थिति की पूछताछ",
        "early": "बहुत जल्दी",
        "median": "पहले जवाब तक के दिन (माध्यिका)",
        "weekly": "हर हफ़्ते साक्षात्कार",
        "since": "{since} से",
    },
}


STATUS_WORDS = {
    "zh": {
        "scheduled": "待面试",
        "awaiting": "等待结果",
        "ghosted": "无回音",
        "invited": "进入下一轮",
        "offer": "录用",
        "rejected": "未通过",
        "withdrawn": "已退出",
    },
    "hi": {
        "scheduled": "तय",
        "awaiting": "नतीजे का इंतज़ार",
        "ghosted": "कोई जवाब नहीं",
        "invited": "अगले दौर में",
        "offer": "ऑफ़र",
        "rejected": "अस्वीकार",
        "withdrawn": "नाम वापस",
    },
}


def local_when(value: str, lang: str, tz: tzinfo) -> str:
    """A date as the reader's language writes it (Babel's medium date) with the time."""
    moment = datetime.fromisoformat(value).astimezone(tz)
    if lang == "en":
        return f"{moment:%a %d %b %Y %H:%M}"
    from babel.dates import format_date

    locale = {"zh": "zh_CN", "hi": "hi_IN"}[lang]
    return f"{format_date(moment.date(), 'medium', locale=locale)} {moment:%H:%M}"


def prep(
    found: dict[str, Any], company: str | None, role: str, tz: tzinfo, now: datetime, out: Console
) -> None:
    from rich.markup import escape
    from rich.padding import Padding

    lang = found["lang"]
    t = TEXT[lang]
    colon = "：" if lang == "zh" else ": "

    def when(value: str) -> str:
        return local_when(value, lang, tz)

    def block(text: str, indent: int) -> None:
        out.print(Padding(escape(text), (0, 0, 0, indent), expand=False))

    if company is not None:
        out.print(f"[bold]{escape(t['past'].format(company=company))}[/]")
        for item in found["past"]:
            status = STATUS_WORDS.get(lang, {}).get(item["status"], item["status"])
            out.print(
                f"  {item['id']:>3}  {when(item['at'])}  {escape(item['role'])}, "
                f"{t['round'].format(n=item['round'])}{colon}{status}"
            )
            review = item["reflection"] or {}
            for key in ("went_well", "improve"):
                if review.get(key):
                    block(f"{t[key]}{colon}{review[key]}", 7)
        if not found["past"]:
            out.print(f"  [dim]{t['none']}[/]")
        out.print()
    out.print(f"[bold]{t['similar']}[/]")
    for item in found["similar_questions"]:
        out.print(f"  • [dim]{item['id']} {escape(item['company'])}, {when(item['at'])}[/]")
        block(item["question"], 4)
        if item["answer"]:
            block(f"{t['answer']}{colon}{item['answer']}", 6)
    if not found["similar_questions"]:
        out.print(f"  [dim]{t['none']}[/]")
    out.print()
    out.print(f"[bold]{t['lessons']}[/]")
    for item in found["lessons"]:
        out.print(f"  • [dim]{item['id']} {escape(item['company'])}, {when(item['at'])}[/]")
        block(item["improve"], 4)
    if not found["lessons"]:
        out.print(f"  [dim]{t['none']}[/]")
    out.print()
    out.print(f"[bold]{escape(t['guidance'].format(role=role))}[/]")
    for guide in found["guidance"]:
        out.print(f"\n[bold cyan]{escape(guide['question'])}[/]")
        for key in ("tests", "build", "avoid"):
            out.print(f"  [bold]{t[key]}[/]")
            block(guide[key], 4)
    if found.get("warnings"):
        out.print()
        out.print(f"[bold yellow]{t['warnings']}[/]")
        for item in found["warnings"]:
            out.print(f"  • [dim]{item['id']}[/] {escape(item['question'])}")
            block(f"{t['answer']}{colon}{item['answer']}", 4)
            block(f"→ {item['advice']}", 4)


def pad(text: str, columns: int) -> str:
    """``text`` padded to ``columns`` terminal columns (CJK characters take two)."""
    return text + " " * max(0, columns - render.width(text))


def bar(value: float, most: float, width: int = 24) -> str:
    cells = 0 if most <= 0 else round(width * value / most)
    return "█" * cells + ("▏" if value and not cells else "")


def stats(found: dict[str, Any], lang: str, out: Console) -> None:
    t = TEXT[lang]
    colon = "：" if lang == "zh" else ": "
    heading = f"{t['interviews']}{colon}{found['interviews']}"
    if found["since"]:
        since_text = t["since"].format(since=found["since"])
        heading += f"（{since_text}）" if lang == "zh" else f" ({since_text})"
    out.print(f"[bold]{heading}[/]\n")
    out.print(f"[bold]{t['funnel']}[/]")
    most = max([r["interviews"] for r in found["funnel"]] or [0])
    for row in found["funnel"]:
        out.print(f"  {t['round'].format(n=row['round'])}")
        for key, label in (
            ("interviews", t["interviews"]),
            ("invited", t["invited"]),
            ("offers", t["offers"]),
            ("rejected", t["rejected"]),
        ):
            out.print(f"    {pad(label, 14)} {row[key]:>4} {bar(row[key], most)}")
    out.print()
    for section, keys in (
        ("thanks", ("on_time", "late", "never", "pending")),
        ("checks", ("early", "on_time")),
    ):
        counts = found[section]
        out.print(f"[bold]{t[section]}[/]")
        most = max(counts[key] for key in keys)
        for key in keys:
            share = counts.get(f"share_{key}")  # none for pending: it is not a share of anything
            percent = f"{share:>5.0%}" if share is not None else "     "
            out.print(f"  {pad(t[key], 14)} {counts[key]:>4} {percent} {bar(counts[key], most)}")
        out.print()
    median = found["median_days_to_result"]
    out.print(f"[bold]{t['median']}[/]{colon}{'—' if median is None else f'{median:g}'}\n")
    out.print(f"[bold]{t['weekly']}[/]")
    most = max([w["interviews"] for w in found["per_week"]] or [0])
    for week in found["per_week"]:
        out.print(
            f"  {week['week']} {week['start']} {week['interviews']:>3} "
            f"{bar(week['interviews'], most)}"
        )
