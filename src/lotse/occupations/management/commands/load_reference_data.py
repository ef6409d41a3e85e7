from lotse.core.datacommand import DataLoadCommand
from lotse.occupations.reference_data import DATA_DIR, read_all
from lotse.occupations.services import reference_data_load


def _summary(data) -> str:
    return (
        f"{len(data.occupations)} occupations, {len(data.authorities)} authorities, "
        f"{len(data.competences)} competence rules, {len(data.districts)} districts, "
        f"{len(data.labels)} labels"
    )


class Command(DataLoadCommand):
    help = "Validate the reference data files and load them (idempotent)."
    label = "Reference data"
    data_dir = DATA_DIR
    read = staticmethod(read_all)
    load = staticmethod(reference_data_load)
    summary = staticmethod(_summary)
