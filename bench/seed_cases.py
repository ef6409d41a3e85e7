"""Recognition cases of the benchmark seeder: a status timeline that obeys the case rules
(vocab.CASE_TRANSITIONS), with decision, compensation measure and closure where they apply."""

import datetime as dt
import random

from lotse.casework.demo_pools import ABANDON_REASONS


def spread(rng: random.Random, start: dt.date, end: dt.date, k: int) -> list[dt.date]:
    """k dates from start to end (inclusive), sorted, the first on start and the last on end."""
    span = (end - start).days
    if k == 1:
        return [end]
    inner = sorted(rng.randint(0, span) for _ in range(k - 2))
    return [start, *(start + dt.timedelta(days=d) for d in inner), end]


ACTIVE_CASE_STATUSES = [
    "informed", "gathering", "gathering", "submitted", "submitted", "submitted",
    "docs_requested", "decision", "compensation", "compensation", "completed", "abandoned",
]  # fmt: skip


def case_path(rng: random.Random, status: str) -> list[str]:
    """The statuses a case went through to reach `status`, in order."""
    if status == "abandoned":
        reached = rng.choice(["informed", "gathering", "submitted", "docs_requested"])
        return [*case_path(rng, reached), "abandoned"]
    path = ["informed"]
    if status == "informed":
        return path
    if rng.random() < 0.8:
        path.append("gathering")
    if status == "gathering":
        return path if path[-1] == "gathering" else [*path, "gathering"]
    path.append("submitted")
    if status == "submitted":
        return path
    requested = status == "docs_requested" or rng.random() < 0.3
    if requested:
        path.append("docs_requested")
        if status == "docs_requested":
            return path
        path.append("submitted")
    path.append("decision")
    if status == "decision":
        return path
    if status == "compensation" or (status == "completed" and rng.random() < 0.3):
        path.append("compensation")
    if status == "completed":
        path.append("completed")
    return path


def add_case(w, t, take, cid, org_id, counsellor, profession, district, first, last, closed):
    """Add one case of client `cid`, with its steps, to the tables `t`."""
    rng = w.rng
    if closed:
        status = "completed" if rng.random() < 0.8 else "abandoned"
    else:
        status = rng.choice(ACTIVE_CASE_STATUSES)
    path = case_path(rng, status)
    dates = spread(rng, first, last, len(path))
    case_id = take("cases")
    values = dict.fromkeys(["submitted_on", "decided_on", "cstart", "cend", "closed_on"])
    values |= dict.fromkeys(["decision", "ctype", "provider", "reason"], "")
    for step, day in zip(path, dates, strict=True):
        if step == "submitted" and values["submitted_on"] is None:
            values["submitted_on"] = day
        elif step == "decision":
            partial_possible = bool(profession.measures)
            decision = rng.choices(["full", "partial", "rejected"], [55, 35 * partial_possible, 10])
            values["decision"], values["decided_on"] = decision[0], day
        elif step == "compensation":
            values["decision"] = "partial"
            values["ctype"] = rng.choice(profession.measures or ("other",))
            values["provider"] = profession.provider
            values["cstart"], values["cend"] = day, day + dt.timedelta(days=rng.randint(90, 360))
        elif step == "abandoned":
            values["reason"] = rng.choice(ABANDON_REASONS)
        if step in ("completed", "abandoned"):
            values["closed_on"] = day
        t["case_steps"].add(take("case_steps"), case_id, step, day, "", counsellor)
    t["cases"].add(
        case_id, cid, org_id, counsellor, w.occupations[profession.slug],
        w.authority(profession.slug, district), status, first, values["submitted_on"],
        values["decision"], values["decided_on"], values["ctype"], values["provider"],
        values["cstart"], values["cend"], rng.choice([True, False, None]), values["closed_on"],
        values["reason"],
    )  # fmt: skip
