"""The controlled vocabularies of the migration facts file, with their translated names.

The data file holds keys only; what a visitor reads comes from here, through gettext, so the
catalogues translate it into every page language.
"""

from typing import NamedTuple

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Kind(NamedTuple):
    label: Promise
    explanation: Promise


class Chart(NamedTuple):
    title: Promise
    topic: str
    unit: str


KINDS = {
    "iq_statement": Kind(
        _("Statement of the IQ Network"),
        _(
            "The IQ Network's own page gives this figure. It does not name the statistic or "
            "the year."
        ),
    ),
    "net_migration": Kind(
        _("Net migration"),
        _(
            "People who moved to the state minus people who moved away, from other German "
            "states and from abroad (migration statistics)."
        ),
    ),
    "foreign_register": Kind(
        _("Central Register of Foreigners"),
        _(
            "Foreign nationals registered by the foreigners' authorities "
            "(Ausländerzentralregister), on 31 December."
        ),
    ),
    "foreign_census_2011": Kind(
        _("Population count, 2011 census basis"),
        _(
            "Foreign nationals in the official population count (Bevölkerungsfortschreibung), "
            "carried forward from the 2011 census."
        ),
    ),
    "foreign_census_2022": Kind(
        _("Population count, 2022 census basis"),
        _(
            "The same population count, carried forward from the 2022 census. Its numbers are "
            "lower than those on the old basis."
        ),
    ),
    "background_narrow": Kind(
        _("Migration background, narrower definition (until 2016)"),
        _(
            "Survey of households (Mikrozensus). Counts people who did not get German "
            "citizenship at birth, or who have a parent in the same household who did not."
        ),
    ),
    "background_wide": Kind(
        _("Migration background, wider definition (from 2017)"),
        _(
            "The same survey, now also using information on parents who live elsewhere. The "
            "numbers are higher than with the narrower definition."
        ),
    ),
    "immigration_history": Kind(
        _("Immigration history (from 2021)"),
        _(
            "Survey of households (Mikrozensus). Counts people who moved to Germany themselves "
            "or whose parents both did. It cannot be compared with “migration background”."
        ),
    ),
    "asylum_arrivals": Kind(
        _("Asylum seekers arriving in the state"),
        _(
            "People seeking asylum who newly arrived in the state's reception system "
            "(Zugänge), counted by the state."
        ),
    ),
    "asylum_first_bamf": Kind(
        _("First asylum applications (BAMF)"),
        _(
            "First applications for asylum filed in Baden-Württemberg, counted by the Federal "
            "Office for Migration and Refugees."
        ),
    ),
    "asylum_staying": Kind(
        _("Asylum applications of people staying in the state"),
        _(
            "First and follow-up applications of people who stay in Baden-Württemberg, counted "
            "by the state's Ministry of Justice and Migration."
        ),
    ),
    "ukraine_arrivals": Kind(
        _("Refugees from Ukraine"),
        _(
            "People from Ukraine who came to the state after February 2022. They are protected "
            "without an asylum application."
        ),
    ),
}

PUBLISHERS = {
    "iq_bw": _("IQ Network Baden-Württemberg"),
    "statla_bw": _("Statistical Office of Baden-Württemberg"),
    "destatis": _("Federal Statistical Office"),
    "bamf": _("Federal Office for Migration and Refugees (BAMF)"),
    "jum_bw": _("Ministry of Justice and Migration of Baden-Württemberg"),
    "im_bw": _("Ministry of the Interior of Baden-Württemberg"),
}

SUBJECTS = {
    "moved_since_1952": _("People who moved to the state"),
    "net_migration_total": _("Net migration, all years together"),
    "net_migration_average": _("Net migration, average per year"),
    "net_migration_year": _("Net migration in the year"),
    "foreign_nationals": _("People with a foreign passport"),
    "foreign_share": _("Share of the population with a foreign passport"),
    "eu_share": _("Share of foreign nationals from EU countries"),
    "eu_citizens": _("Foreign nationals from EU countries"),
    "nationality": _("Foreign nationals from %(country)s"),
    "migration_background": _("People with a migration background"),
    "migration_background_share": _("Share of the population with a migration background"),
    "immigration_history": _("People with an immigration history"),
    "immigrated_themselves": _("People who moved to Germany themselves"),
    "descendants": _("Children of two parents who moved to Germany"),
    "asylum_applications": _("Asylum applications"),
    "asylum_seekers_arrived": _("Asylum seekers who arrived"),
    "asylum_origin_share": _("Share of asylum seekers from %(country)s"),
    "ukraine_refugees": _("Refugees from Ukraine who came to the state"),
}

CHARTS = {
    "net-migration": Chart(_("Net migration into Baden-Württemberg"), "moving", "people"),
    "foreign-nationals": Chart(_("People with a foreign passport"), "foreign", "people"),
    "nationalities": Chart(_("The largest groups of foreign nationals"), "foreign", "people"),
    "migration-background": Chart(
        _("People with a migration background or an immigration history"), "background", "people"
    ),
    "asylum": Chart(_("Asylum applications and arrivals"), "asylum", "people"),
    "asylum-origins": Chart(_("Where asylum seekers came from"), "asylum", "percent"),
}
