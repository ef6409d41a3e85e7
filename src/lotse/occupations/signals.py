"""Keep the in-process match index in step with edits (admin, loader)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lotse.occupations.matcher import reset_index
from lotse.occupations.models import Label, Occupation


@receiver([post_save, post_delete], sender=Occupation)
@receiver([post_save, post_delete], sender=Label)
def _reference_data_changed(sender, **kwargs):
    reset_index()
