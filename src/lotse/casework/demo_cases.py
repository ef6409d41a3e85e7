"""The stories of the demo clients: how far each recognition case got, and a plausible
timeline for it (sessions, case steps, closure, outcomes), all dated relative to today.

Fifty stories per demo organisation cover every case status and every decision, so each
filter of the client list finds something; `demo.py` plays them through the services.
"""

import datetime as dt
import random
from dataclasses import dataclass, field

from lotse.casework.demo_pools import ABANDON_REASONS, Profession


@dataclass(frozen=True)
class CaseStory:
    status: str  # the case's status today, or "none" for a client without a recognition case
    decision: str = ""


STORIES: tuple[CaseStory, ...] = (
    *[CaseStory("none")] * 5,
    *[CaseStory("informed")] * 5,
    *[CaseStory("gathering")] * 6,
    *[CaseStory("submitted")] * 6,
    *[CaseStory("docs_requested")] * 4,
    CaseStory("decision", "full"),
    CaseStory("decision", "partial"),
    CaseStory("decision", "rejected"),
    CaseStory("decision", "partial"),
    *[CaseStory("compensation", "partial")] * 5,
    *[CaseStory("completed", "full")] * 5,
    *[CaseStory("completed", "partial")] * 3,
    *[CaseStory("completed", "rejected")] * 2,
    *[CaseStory("abandoned")] * 5,
)

# How long ago the first contact was, in days, for a case that got this far.
AGE = {
    "none": (5, 200), "informed": (4, 45), "gathering": (20, 120), "submitted": (70, 240),
    "docs_requested": (100, 260), "decision": (160, 330), "compensation": (220, 450),
    "completed": (330, 900), "abandoned": (180, 700),
}  # fmt: skip
STEP_NOTES = {
    "gathering": "Unterlagenliste besprochen; Übersetzungen in Auftrag gegeben.",
    "submitted": "Antrag mit allen Unterlagen eingereicht.",
    "docs_requested": "Behörde fordert Nachweise über die Berufserfahrung nach.",
    "decision": "Bescheid erhalten und mit der Person besprochen.",
    "compensation": "Ausgleichsmaßnahme vereinbart.",
    "completed": "Verfahren abgeschlossen.",
}
OUTCOMES = {  # (employment, qualification match) at close, by how the case ended
    "full": [("employed", "yes"), ("employed", "yes"), ("employed", "partly"), ("seeking", "na")],
    "partial": [("employed", "yes"), ("employed", "partly"), ("training", "na")],
    "rejected": [("employed", "no"), ("seeking", "na"), ("training", "na")],
    "": [("unknown", "na"), ("employed", "no"), ("not_available", "na")],
}
TOPICS_BEFORE = [["recognition"], ["recognition", "funding"], ["recognition", "language"]]
TOPICS_AFTER = {  # what the sessions after the decision are about, by the decision
    "full": [["job_search"], ["job_search", "language"]],
    "partial": [["qualification", "language"], ["qualification"], ["job_search"]],
    "rejected": [["job_search"], ["qualification"], ["language"]],
}
TOPICS_NO_CASE = [["job_search"], ["language"], ["job_search", "language"], ["residence"]]


@dataclass
class Plan:
    first: dt.date
    steps: list[tuple[str, dt.date, dict]] = field(default_factory=list)
    # (date, topics, key of the note in demo_pools.NOTES)
    sessions: list[tuple[dt.date, list[str], str]] = field(default_factory=list)
    grant: bool | None = None
    closed_on: dt.date | None = None
    outcomes: list[tuple[str, str, str, dt.date]] = field(default_factory=list)

    @property
    def last(self) -> dt.date:
        """The latest date of the story before the client was closed."""
        dates = [self.first, *(d for _s, d, _x in self.steps), *(d for d, _t, _n in self.sessions)]
        return max(dates)


def needs_measures(story: CaseStory) -> bool:
    """Partial equivalence with a compensation measure exists for regulated professions only."""
    return story.decision == "partial" or story.status == "compensation"


def _path(story: CaseStory, rng: random.Random) -> list[str]:
    """The statuses the case went through, in the order the rules allow (vocab.CASE_TRANSITIONS)."""
    if story.status == "none":
        return []
    path = ["informed"]
    order = ["gathering", "submitted", "docs_requested"]
    if story.status == "abandoned":
        return [*path, *order[: rng.randint(1, 3)], "abandoned"]
    for status in order:
        if story.status == "informed":
            break
        if status == "docs_requested" and story.status != "docs_requested":
            if rng.random() < 0.3:  # asked for more papers, sent them, then decided
                path += ["docs_requested", "submitted"]
            break
        path.append(status)
        if status == story.status:
            return path
    if story.status == "informed":
        return path
    path.append("decision")
    if story.status == "compensation" or (story.status, story.decision) == ("completed", "partial"):
        path.append("compensation")
    if story.status == "completed":
        path.append("completed")
    return path


def _dates(rng: random.Random, start: dt.date, end: dt.date, k: int) -> list[dt.date]:
    """k sorted dates, the first on `start` and the last on `end`."""
    if k <= 1:
        return [start][:k]
    span = max((end - start).days, 0)
    inner = sorted(rng.randint(0, span) for _ in range(k - 2))
    return [start, *(start + dt.timedelta(days=d) for d in inner), end]


def story_for(story: CaseStory, rng: random.Random, today: dt.date, profession: Profession) -> Plan:
    low, high = AGE[story.status]
    first = today - dt.timedelta(days=rng.randint(low, high))
    span = (today - first).days
    plan = Plan(first=first)
    final = story.status in ("completed", "abandoned")
    if final:
        end = first + dt.timedelta(days=int(span * rng.uniform(0.55, 0.85)))
    else:
        end = today - dt.timedelta(days=rng.randint(1, max(1, min(25, span // 4))))
    opened = min(first + dt.timedelta(days=rng.randint(0, min(14, span // 4))), end)
    path = _path(story, rng)
    for status, day in zip(path, _dates(rng, opened, end, len(path)), strict=True):
        plan.steps.append((status, day, _details(story, status, day, rng, profession)))
    _fit_measure(plan)
    if any(s == "submitted" for s, _d, _x in plan.steps):
        plan.grant = rng.random() < 0.6
    elif plan.steps:
        plan.grant = None if rng.random() < 0.7 else False
    _sessions(plan, story, rng, end if plan.steps else today - dt.timedelta(days=2))
    if final and rng.random() < 0.85:
        plan.closed_on = min(end + dt.timedelta(days=rng.randint(0, 20)), today)
        employment, match = rng.choice(OUTCOMES[story.decision])
        plan.outcomes.append(("close", employment, match, plan.closed_on))
        later = plan.closed_on + dt.timedelta(days=183 + rng.randint(0, 20))
        if later <= today:
            employment = "employed" if rng.random() < 0.65 else employment
            match = match if employment != "employed" or match != "na" else "partly"
            plan.outcomes.append(("6m", employment, match, later))
    return plan


def _details(story, status: str, day: dt.date, rng: random.Random, profession) -> dict:
    details: dict = {"note": STEP_NOTES.get(status, "")}
    if status == "decision":
        details["decision"] = story.decision or rng.choice(["full", "partial", "rejected"])
    elif status == "compensation":
        start = day + dt.timedelta(days=rng.randint(14, 45))
        details |= {
            "compensation_type": rng.choice(profession.measures or ("other",)),
            "compensation_provider": profession.provider,
            "compensation_start": start,
            "compensation_end": start + dt.timedelta(days=rng.randint(120, 300)),
        }
    elif status == "abandoned":
        details["abandon_reason"] = rng.choice(ABANDON_REASONS)
        details["note"] = ""
    return details


def _fit_measure(plan: Plan) -> None:
    """A measure that was completed starts after it was agreed and ends before completion."""
    statuses = [s for s, _d, _x in plan.steps]
    if "compensation" not in statuses or "completed" not in statuses:
        return
    _s, agreed, details = plan.steps[statuses.index("compensation")]
    done = plan.steps[statuses.index("completed")][1]
    details["compensation_start"] = agreed
    details["compensation_end"] = max(agreed, done - dt.timedelta(days=7))


def _sessions(plan: Plan, story: CaseStory, rng: random.Random, until: dt.date) -> None:
    """Sessions from the first contact on; what each is about follows the case's progress."""
    dated = {s: (d, x) for s, d, x in plan.steps}
    submitted = dated.get("submitted", (None, {}))[0]
    decided, decision = dated.get("decision", (None, {}))
    count = 1 if story.status == "informed" and rng.random() < 0.5 else rng.randint(2, 6)
    talked_about_decision = False
    for i, day in enumerate(_dates(rng, plan.first, max(until, plan.first), count)):
        if not plan.steps:
            topics = rng.choice(TOPICS_NO_CASE)
            note = topics[0]
        elif decided is not None and day >= decided:
            topics = rng.choice(TOPICS_AFTER[decision["decision"]])
            note = topics[0] if talked_about_decision else "decided"
            topics = topics if talked_about_decision else ["recognition", *topics]
            talked_about_decision = True
        else:
            topics = rng.choice(TOPICS_BEFORE)
            waiting = submitted is not None and day > submitted
            note = "first" if i == 0 else "waiting" if waiting else topics[0]
        plan.sessions.append((day, topics, note))
