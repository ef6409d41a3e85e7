"""Make sure a Chromium is there for the browser tests.

Debian's `chromium` package where apt is available (installed when missing and we are root);
elsewhere Playwright's own Chromium build. Prints the executable the tests will use.
"""

import os
import shutil
import subprocess
import sys

DEBIAN_CHROMIUM = "/usr/bin/chromium"


def main() -> int:
    if os.environ.get("LOTSE_CHROMIUM") or os.path.exists(DEBIAN_CHROMIUM):
        print(f"Chromium: {os.environ.get('LOTSE_CHROMIUM', DEBIAN_CHROMIUM)}")
        return 0
    if shutil.which("apt-get") and os.geteuid() == 0:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], check=False, env=env)
        result = subprocess.run(
            ["apt-get", "install", "-y", "-qq", "chromium", "fonts-dejavu-core"], env=env
        )
        if result.returncode == 0 and os.path.exists(DEBIAN_CHROMIUM):
            print(f"Chromium: {DEBIAN_CHROMIUM} (installed from Debian)")
            return 0
    print("Chromium: installing Playwright's build", flush=True)
    return subprocess.call([sys.executable, "-m", "playwright", "install", "chromium"])


if __name__ == "__main__":
    sys.exit(main())
