#!/usr/bin/env python3
"""Tools for the people who write the labelled corpus (see Bot.Tests/TestData/nlu/CONVENTIONS.md).

    corpus_tools.py book BOOK USER          the user's customers and contacts (and colleagues' names)
    corpus_tools.py find BOOK USER MENTION  which customers / contacts a mention fits, in scope and out of it
    corpus_tools.py calendar NOW            six weeks of dates around NOW (ISO, +08:00), with weekdays
    corpus_tools.py check FILE...           validates lines: schema, names, scope, contact, dates; prints problems

The matching here is a labelling aid (plain substring and surname + title), not the bot's own finder.
"""
import datetime as dt
import json
import sys
from pathlib import Path

BOOKS = Path(__file__).resolve().parents[2] / "Bot.Tests" / "TestData" / "nlu" / "books"
INTENTS = {"log_interaction", "update_stage", "set_reminder", "query_customer", "query_tier", "list_customers", "objection_help",
           "my_tasks", "funnel_report", "churn_list", "add_customer", "opt_out", "forget_customer", "complete_reminder",
           "postpone_reminder", "help", "unknown", "update_deal", "set_target", "target_report", "forecast", "export_report",
           "assign_followup", "reassign_customers", "merge_customers", "delete_record", "edit_record", "care_plan", "change_greeting"}
FIELDS = ["intent", "customer", "customer_status", "contact", "channel", "objections", "amount", "next_followup", "stage", "period", "tier"]
CHANNELS = {None, "phone", "visit", "wechat", "email", "meeting"}
OBJECTIONS = ["price", "hesitation", "competitor", "timing", "budget", "authority", "need", "trust", "complaint"]
STAGES = {None, "lead", "qualified", "negotiation", "won", "lost"}
PERIODS = {None, "this_week", "last_week", "this_month", "last_month", "this_quarter", "last_quarter", "this_year", "next_month", "next_quarter"}
ADDRESS = [("总经理", ["总"]), ("总监", ["总", "总监"]), ("副总", ["总"]), ("总裁", ["总"]), ("董事长", ["董", "总"]), ("老板", ["总", "老板"]),
           ("CIO", ["总"]), ("经理", ["经理"]), ("技术", ["工"]), ("工程师", ["工"]), ("厂长", ["厂长"]), ("院长", ["院长"]),
           ("校长", ["校长"]), ("园长", ["园长"]), ("行长", ["行长"]), ("主任", ["主任"]), ("科长", ["科长"]), ("店长", ["店长"]),
           ("主管", ["主管"]), ("合伙人", ["律师", "总"]), ("护士长", ["护士长"])]
WEEKDAYS = "一二三四五六日"


def load_book(name):
    return json.loads((BOOKS / f"{name}.json").read_text(encoding="utf-8"))


def scope_of(book, userid):
    users = {u["userid"]: u for u in book["users"]}
    user = users[userid]
    if user["role"] == "admin":
        return {u for u in users}
    if user["role"] == "manager":
        return {userid} | {u for u, v in users.items() if v["manager"] == userid}
    return {userid}


def addresses(contact):
    name, title = contact["name"], contact.get("title") or ""
    forms = {name}
    if name[0].isascii():
        forms.add(name.split()[0])
        return forms
    for cue, suffixes in ADDRESS:
        if cue in title and not (cue == "经理" and "总经理" in title):
            forms.update(name[0] + s for s in suffixes)
    return forms


def fits(book, mention):
    """Customers whose names contain the mention, and contacts addressed by it."""
    m = mention.strip()
    exact = [c for c in book["customers"] if c["legal_name"] == m]
    if exact:
        return exact, []
    customers = [c for c in book["customers"]
                 if m in c["legal_name"] or (c.get("short_name") and m in c["short_name"]) or m in c.get("aliases", [])]
    contacts = [(c, p) for c in book["customers"] for p in c["contacts"] if m in addresses(p)]
    return customers, contacts


def cmd_book(book_name, userid):
    book = load_book(book_name)
    scope = scope_of(book, userid)
    users = {u["userid"]: u for u in book["users"]}
    print(f"# {userid} {users[userid]['name']} ({users[userid]['role']}); colleagues: " +
          ", ".join(f"{u['userid']}={u['name']}({u['role']})" for u in book["users"] if u["userid"] != userid))
    for c in book["customers"]:
        mine = c["owner"] in scope
        contacts = "; ".join(f"{p['name']} {p.get('title') or ''}" for p in c["contacts"])
        short = f" [简称 {c['short_name']}]" if c.get("short_name") else ""
        print(f"{'IN ' if mine else 'out'} {c['legal_name']}{short} owner={c['owner']} :: {contacts}")


def cmd_find(book_name, userid, mention):
    book = load_book(book_name)
    scope = scope_of(book, userid)
    customers, contacts = fits(book, mention)
    for c in customers:
        print(f"customer {'IN ' if c['owner'] in scope else 'out'} {c['legal_name']} owner={c['owner']}")
    for c, p in contacts:
        print(f"contact  {'IN ' if c['owner'] in scope else 'out'} {p['name']} ({p.get('title')}) at {c['legal_name']}")
    users = [u for u in book["users"] if u["name"] == mention]
    for u in users:
        print(f"colleague {u['userid']} {u['name']} ({u['role']})")
    if customers and len(mention) <= 3:
        print("note: a place alone (厦门) or a trade word alone (食品) is not a name — see CONVENTIONS.md")
    if not customers and not contacts and not users:
        print("nothing fits (a typo or abbreviation a person would still recognise may be labelled by hand)")


def cmd_calendar(now_text):
    now = dt.datetime.fromisoformat(now_text)
    today = now.date()
    monday = today - dt.timedelta(days=today.weekday())
    print(f"now {now.isoformat()} = 周{WEEKDAYS[today.weekday()]}")
    for week in range(-1, 5):
        days = [monday + dt.timedelta(days=7 * week + d) for d in range(7)]
        label = {-1: "上周", 0: "本周", 1: "下周", 2: "下下周"}.get(week, f"+{week}周")
        print(f"{label:>4} " + "  ".join(f"周{WEEKDAYS[d.weekday()]} {d.isoformat()}" for d in days))
    first_next = (today.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    print(f"月底 {(first_next - dt.timedelta(days=1)).isoformat()}  下个月初 {first_next.isoformat()}")


def check_line(line, n, file, books):
    problems = []
    try:
        row = json.loads(line)
    except json.JSONDecodeError as e:
        return [f"{file}:{n}: not JSON ({e})"]
    for key in ["user", "text", "now", "book", "writer", "expected"]:
        if key not in row:
            problems.append(f"missing {key}")
    if problems:
        return [f"{file}:{n}: " + "; ".join(problems)]
    book = books.setdefault(row["book"], load_book(row["book"]))
    users = {u["userid"]: u for u in book["users"]}
    e = row["expected"]
    if row["user"] not in users:
        problems.append(f"user {row['user']} not in book {row['book']}")
    missing = [f for f in FIELDS if f not in e]
    extra = [f for f in e if f not in FIELDS]
    if missing or extra:
        problems.append(f"fields missing {missing} extra {extra}")
        return [f"{file}:{n}: " + "; ".join(problems)]
    try:
        now = dt.datetime.fromisoformat(row["now"])
        if now.utcoffset() != dt.timedelta(hours=8):
            problems.append("now must be +08:00")
    except ValueError:
        problems.append("now is not ISO")
    if e["intent"] not in INTENTS:
        problems.append(f"intent {e['intent']}")
    if e["customer_status"] not in {"resolved", "ambiguous", "out_of_scope", "none"}:
        problems.append(f"customer_status {e['customer_status']}")
    if e["channel"] not in CHANNELS:
        problems.append(f"channel {e['channel']}")
    if not isinstance(e["objections"], list) or any(o not in OBJECTIONS for o in e["objections"]):
        problems.append(f"objections {e['objections']}")
    elif e["objections"] != sorted(e["objections"], key=OBJECTIONS.index):
        problems.append("objections not in canonical order")
    if e["stage"] not in STAGES:
        problems.append(f"stage {e['stage']}")
    if e["period"] not in PERIODS:
        problems.append(f"period {e['period']}")
    if e["tier"] not in {None, "A", "B", "C"}:
        problems.append(f"tier {e['tier']}")
    if e["amount"] is not None and not isinstance(e["amount"], (int, float)):
        problems.append("amount must be a number")
    if e["next_followup"] is not None:
        try:
            f = dt.datetime.fromisoformat(e["next_followup"])
            if f.utcoffset() != dt.timedelta(hours=8):
                problems.append("next_followup must be +08:00")
        except ValueError:
            problems.append("next_followup is not ISO")
    if e["channel"] is not None and e["intent"] not in {"log_interaction", "edit_record"}:
        problems.append("channel only on log_interaction and edit_record")
    if row["user"] in users:
        scope = scope_of(book, row["user"])
        status = e["customer_status"]
        if status == "resolved":
            match = [c for c in book["customers"] if c["legal_name"] == e["customer"]]
            if not match:
                problems.append(f"customer {e['customer']!r} is not a legal name in book {row['book']}")
            elif match[0]["owner"] not in scope:
                problems.append(f"customer {e['customer']} is not in {row['user']}'s scope (out_of_scope?)")
            elif e["contact"] is not None and e["contact"] not in [p["name"] for p in match[0]["contacts"]]:
                problems.append(f"contact {e['contact']} is not a contact of {e['customer']}")
        else:
            if e["customer"] is not None or e["contact"] is not None:
                problems.append(f"customer and contact must be null when status is {status}")
    return [f"{file}:{n}: " + "; ".join(problems) + f"  | {row['text']}"] if problems else []


def cmd_check(files):
    books, problems, count = {}, [], 0
    for file in files:
        for n, line in enumerate(Path(file).read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                count += 1
                problems += check_line(line, n, file, books)
    print("\n".join(problems))
    print(f"{count} lines, {len(problems)} with problems")
    return 1 if problems else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["book"]:
        cmd_book(args[1], args[2])
    elif args[:1] == ["find"]:
        cmd_find(args[1], args[2], args[3])
    elif args[:1] == ["calendar"]:
        cmd_calendar(args[1])
    elif args[:1] == ["check"]:
        sys.exit(cmd_check(args[1:]))
    else:
        print(__doc__)
        sys.exit(2)
