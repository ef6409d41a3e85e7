"""Idempotent writes for data loaders: save only what changed, and count it."""

from collections import Counter


def upsert(model, lookup: dict, values: dict, counts: Counter):
    """Create or update one row found by `lookup`; unchanged rows are not saved."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        counts[f"{model._meta.model_name} created"] += 1
        return model.objects.create(**lookup, **values)
    changed = [k for k, v in values.items() if getattr(obj, k) != v]
    for key in changed:
        setattr(obj, key, values[key])
    if changed:
        obj.save(update_fields=changed)
        counts[f"{model._meta.model_name} updated"] += 1
    return obj


def summarise(counts: Counter) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "no changes"
