"""WeasyPrint (checklist and certificate PDFs) needs Pango and fonts from the system.

Installs Debian's packages when they are missing and apt is there (as root); otherwise says
what to install. Arabic and Cyrillic are covered by the DejaVu fonts.
"""

import ctypes.util
import os
import shutil
import subprocess
import sys

PACKAGES = ["libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0", "fonts-dejavu-core"]


def missing() -> bool:
    return ctypes.util.find_library("pango-1.0") is None or not os.path.isdir(
        "/usr/share/fonts/truetype/dejavu"
    )


def main() -> int:
    if not missing():
        return 0
    if shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        subprocess.run(["apt-get", "install", "-y", "-qq", *PACKAGES], check=False, env=env)
    if missing():
        print(f"PDF export needs these system packages: {' '.join(PACKAGES)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
