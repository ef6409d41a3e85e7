"""`lotse guide --occupation SLUG --country XX --district CODE [--json]`."""

import json

from django.core.management.base import BaseCommand, CommandError
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from lotse.guide.selectors import GuideInputError, guide_result


class Command(BaseCommand):
    help = "Print the recognition guide's result for one occupation, country and district."

    def add_arguments(self, parser):
        parser.add_argument("--occupation", required=True, help="reference occupation slug")
        parser.add_argument("--country", required=True, help="ISO 3166-1 alpha-2 code")
        parser.add_argument("--district", required=True, help="district key, e.g. 08111, or abroad")
        parser.add_argument("--json", action="store_true")
        parser.add_argument("--language", default="en", help="language of the texts")

    def handle(self, *args, occupation, country, district, language, **options):
        with translation.override(language):
            try:
                result = guide_result(
                    occupation_slug=occupation, country=country, district_code=district
                )
            except GuideInputError as error:
                raise CommandError(f"Unknown {error.field}: check --{error.field}.") from error
        if options["json"]:
            self.stdout.write(json.dumps(result, cls=DjangoJSONEncoder, ensure_ascii=False))
            return
        authority = result["authority"] or {}
        self.stdout.write(f"{result['occupation']['title_de']} – {result['country']['name']}")
        self.stdout.write(result["route_text"])
        self.stdout.write(f"Authority: {authority.get('name', '(depends on the district)')}")
        for document in result["documents"]:
            self.stdout.write(f"  [ ] {document['label']}")
        for centre in result["centres"]:
            self.stdout.write(f"Counselling: {centre['name']}")
