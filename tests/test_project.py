import shutil
import sys
from io import StringIO
from pathlib import Path

from django.core.management import call_command


def test_migrations_are_complete(db):
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def test_lotse_console_script_is_installed():
    script = Path(sys.executable).parent / "lotse"
    assert script.exists() or shutil.which("lotse")
