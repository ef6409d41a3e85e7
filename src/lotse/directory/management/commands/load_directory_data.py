from lotse.core.datacommand import DataLoadCommand
from lotse.directory.data import DATA_DIR, read_directory
from lotse.directory.services import directory_load


def _summary(data) -> str:
    return (
        f"{len(data.regions)} regions, {len(data.districts)} districts, {len(data.centres)} centres"
    )


class Command(DataLoadCommand):
    help = "Validate and load regions, districts, Welcome Centers and counselling centres."
    label = "Directory data"
    data_dir = DATA_DIR
    read = staticmethod(read_directory)
    load = staticmethod(directory_load)
    summary = staticmethod(_summary)
