from django.core.management.base import BaseCommand, CommandError

from lotse.quality.catalogue import CATALOGUE_FILE, read_catalogue
from lotse.quality.services import catalogue_load


class Command(BaseCommand):
    help = "Create the starter quality catalogue (once; later versions are edited in Lotse)."

    def handle(self, *args, **options):
        try:
            data = read_catalogue(CATALOGUE_FILE)
        except (OSError, ValueError, KeyError) as error:
            raise CommandError(f"Quality catalogue: {error}") from error
        version = catalogue_load(data=data)
        criteria = sum(len(area["criteria"]) for area in data["areas"])
        if version is None:
            self.stdout.write(f"Quality catalogue version {data['version']} exists already.")
        else:
            self.stdout.write(
                f"Quality catalogue version {version.number} created: {criteria} criteria."
            )
